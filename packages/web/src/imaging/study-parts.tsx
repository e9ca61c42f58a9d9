import { ImagingViewer } from './ImagingViewer.tsx';

/** A study's date: a calendar day, formatted in UTC so it never shifts a day; `none` when unknown. */
export function studyDate(lang: string, iso: string | null, none: string): string {
  return iso
    ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${iso}T12:00:00Z`),
      )
    : none;
}

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
