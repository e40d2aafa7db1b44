/** The services' look, which the dialogs adopt into the element's shadow root beside their own. */
export const serviceStyles = `
[part~='services'] { list-style: none; margin: 8px 0 0; padding: 0 0 0 16px; border-inline-start: 2px solid var(--_border) }
[dir='rtl'] [part~='services'] { padding: 0 16px 0 0 }
[part~='service'] { padding: 8px 0 }
[part~='service'] + [part~='service'] { border-top: 1px dashed var(--_border) }
[part~='service'] label.row { font-weight: 500 }
[part~='service-details'] summary { cursor: pointer; min-height: 24px; color: var(--_muted); font-size: .9em; text-decoration: underline; width: fit-content }
[part~='service-details'] dl { margin: 8px 0 }
[part~='service-details'] ul { margin: 0; padding-inline-start: 19px }
[part~='service-details'] p { margin: 0 0 8px }
[part~='service-details'] a, [part~='declaration'] a { color: inherit }
[part~='switch']:indeterminate { background: linear-gradient(90deg, var(--_accent) 50%, var(--_bg) 50%); border-color: var(--_accent) }
[part~='switch']:indeterminate::before { translate: 9px; background: var(--_on-accent); outline: 2px solid var(--_accent) }
[dir='rtl'] [part~='switch']:indeterminate { background: linear-gradient(270deg, var(--_accent) 50%, var(--_bg) 50%) }
[dir='rtl'] [part~='switch']:indeterminate::before { translate: -9px }
@media (forced-colors: active) {
  [part~='switch']:indeterminate { background: linear-gradient(90deg, Highlight 50%, Canvas 50%); border-color: Highlight }
  [dir='rtl'] [part~='switch']:indeterminate { background: linear-gradient(270deg, Highlight 50%, Canvas 50%) }
  [part~='switch']:indeterminate::before { background: HighlightText; outline-color: Highlight }
}
[part~='declaration'] .scroll { overflow-x: auto; margin-bottom: 16px }
[part~='declaration'] table { border-collapse: collapse; font-size: .85em; min-width: 576px; width: 100%; overflow-wrap: normal; hyphens: auto }
[part~='declaration'] th, [part~='declaration'] td { text-align: start; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--_border) }
[part~='declaration'] code, [part~='service'] code { overflow-wrap: anywhere }
[part~='declaration'] td:nth-child(4), [part~='declaration'] td:nth-child(5) { white-space: nowrap }
`;
