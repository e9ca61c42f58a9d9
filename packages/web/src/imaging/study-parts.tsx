import { ImagingViewer } from './ImagingViewer.tsx';

/** The button that opens a study in the viewer (one open at a time), and the viewer while open. */
export function ViewStudy({
  studyId,
  open,
  setOpen,
  view,
  hide,
}: {
  studyId: string;
  open: string | null;
  setOpen(studyId: string | null): void;
  view: string;
  hide: string;
}) {
  const shown = open === studyId;
  return (
    <>
      <button type="button" aria-expanded={shown} onClick={() => setOpen(shown ? null : studyId)}>
        {shown ? hide : view}
      </button>
      {shown ? <ImagingViewer studyId={studyId} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** A report or document sent with the scans, downloaded under its own name. */
export function DocumentLink({ doc }: { doc: { fileId: string; name: string } }) {
  return (
    <a href={`/api/imaging/files/${doc.fileId}`} download={doc.name}>
      {doc.name}
    </a>
  );
}
