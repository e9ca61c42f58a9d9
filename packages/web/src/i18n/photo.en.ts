/** A wound photo on a check-in or a message (issue 17). */
export const photoEn = {
  'photo.add': 'Add a photo of your wound (optional)',
  'photo.hint':
    'The photo is made smaller on this phone and its location is removed before it is sent.',
  'photo.preview': 'The photo you chose',
  'photo.remove': 'Remove the photo',
  'photo.cannotOpen':
    'This phone cannot open that photo (often a HEIC photo). Take the photo again, or set the camera to “Most compatible” (JPEG), and choose it again.',
  'photo.tooBig': 'This photo is too large to send. Please take it again closer up.',
  'photo.notSent':
    'Your check-in was saved, but the photo did not go. Send it again from Messages when you have a connection.',
  'photo.notSentMessage': 'Your message was sent, but the photo did not go. Please try again.',
  'photo.sent': 'Your photo was sent to your care team.',
} as const;
