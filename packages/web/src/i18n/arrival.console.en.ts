/** An emergency arriving in the console, and how to reach the patient (issue 17). */
export const arrivalConsoleEn = {
  'queue.tabTitle': '({count}) Emergency – Lamina',
  'queue.sound': 'Sound for new emergencies',
  'contact.call': 'Call {phone}',
  'contact.noPhone': 'No phone number on file',
  'contact.language': 'Speaks {language}',
  'contact.lang.en': 'English',
  'contact.lang.es': 'Spanish',
  'contact.age': '{age} years old',
  'requests.email': 'Email',
  'requests.phone': 'Phone',
  'peerAdmin.fusion': 'fusion',
  'checkins.photo': 'Photo',
  'checkins.photoAlt': 'Wound photo sent by the patient',
} as const;
