// Every page's "Privacy choices" links open the widget's preferences. Without the widget (blocked,
// or not loaded yet) they still lead to the choices section of the privacy page.
document.addEventListener('click', (event) => {
  if (!window.CaratConsent || !event.target.closest('[data-privacy-choices]')) return;
  event.preventDefault();
  window.CaratConsent.showPreferences();
});
