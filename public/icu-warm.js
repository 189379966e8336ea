// Loads ICU's data (the locale's patterns, the time zone's rules, number formats) on a worker thread.
// The first Intl formatter a page makes pays for that load — 35–60 ms of the main thread in Chromium
// here, more on a slow phone — and ICU keeps its data for the whole renderer process, so a formatter
// the page makes afterwards is ready in well under a millisecond. Started by src/lib/intl-warmup.ts.
self.onmessage = (event) => {
  const { locale, timeZone } = event.data || {};
  try {
    new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(0);
    new Intl.NumberFormat(locale).format(1);
    new Intl.PluralRules(locale).select(1);
  } catch {
    // An unknown locale or zone: the page meets the same error, and says so, when it formats.
  }
  self.close();
};
