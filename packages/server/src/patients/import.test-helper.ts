/** A CSV file as a scheduling system would export it: `rows` patients, all valid, distinct MRNs. */
export function syntheticCsv(rows: number, prefix = 'P'): string {
  const header =
    'mrn,given_name,family_name,date_of_birth,email,phone,language,region,procedure,approach,levels,fusion,surgery_date';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const year = 1940 + (i % 50);
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      [
        `${prefix}-${i}`,
        `Given${i}`,
        `Family${i}`,
        `${year}-${month}-${day}`,
        `${prefix.toLowerCase()}${i}@mail.example`,
        `(415) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
        i % 3 === 0 ? 'es' : 'en',
        i % 4 === 0 ? 'cervical' : 'lumbar',
        i % 2 === 0 ? 'laminectomy' : 'laminotomy',
        'open',
        String((i % 3) + 1),
        i % 5 === 0 ? 'yes' : 'no',
        `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
