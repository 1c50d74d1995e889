const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The calendar day (yyyy-mm-dd) it is in Vietnam at `at`: effective dates, deadlines and file names count in it. */
export const vnDay = (at: Date = new Date()): string => day.format(at);
