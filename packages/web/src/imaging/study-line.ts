/** A study's date: a calendar day, formatted in UTC so it never shifts a day; `none` when unknown. */
export function studyDate(lang: string, iso: string | null, none: string): string {
  return iso
    ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${iso}T12:00:00Z`),
      )
    : none;
}

/**
 * The values of a study's one-line summary ("{modality} · {bodyPart} · {date} · {series} series,
 * {images} images" in each screen's own words): a part the headers did not say is `unknown`, a
 * missing date `noDate`.
 */
export function studyLine(
  study: {
    modality: string | null;
    bodyPart: string | null;
    studyDate: string | null;
    seriesCount: number;
    imageCount: number;
  },
  words: { lang: string; unknown: string; noDate: string },
) {
  return {
    modality: study.modality ?? words.unknown,
    bodyPart: study.bodyPart ?? words.unknown,
    date: studyDate(words.lang, study.studyDate, words.noDate),
    series: study.seriesCount,
    images: study.imageCount,
  };
}
