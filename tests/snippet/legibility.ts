// Whether a disclosure can be read as Chromium draws it: the colour its text is painted in, the
// background under it, their WCAG contrast ratio, its size, and whatever hides or cuts it inside
// the creative. measureLegibility runs in the page (page.evaluate), so it is self-contained.

export interface Legibility {
  /** The text as drawn (innerText: after text-transform). */
  text: string;
  fontSize: number;
  /** Against the worst background the creative allows: translucent layers over anything from black to white. */
  contrast: number;
  /** Against the backgrounds of every ancestor, up to the page's canvas (white). */
  contrastOnPage: number;
  colour: string;
  background: string;
  /** Whatever hides, fades, cuts, squeezes or recolours the text; empty when nothing does. */
  problems: string[];
}

export function measureLegibility(el: Element): Legibility {
  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba => {
    const parts = css.match(/[\d.]+/g)!.map(Number);
    return [parts[0]!, parts[1]!, parts[2]!, parts.length > 3 ? parts[3]! : 1];
  };
  const over = (top: Rgba, under: Rgba): Rgba => {
    const a = top[3] + under[3] * (1 - top[3]);
    const mix = (i: number) => (top[i]! * top[3] + under[i]! * under[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = ([r, g, b]: Rgba) => {
    const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const show = (c: Rgba) => `rgba(${c.map((v) => Math.round(v * 100) / 100).join(',')})`;

  const slot = el.closest('[data-candor-slot]')!;
  const creative = slot.firstElementChild!;
  const style = getComputedStyle(el);
  const problems: string[] = [];
  // What paints the glyphs: -webkit-text-fill-color when a page sets it, else color.
  const ink = parse(style.webkitTextFillColor || style.color);

  // The backgrounds from the text up to the creative's root, top first; then the page's.
  const layers: Rgba[] = [];
  let node: Element | null = el;
  for (; node && node !== slot; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  const ownOpaque = layers.some((layer) => layer[3] >= 1);
  const composite = (under: Rgba) => layers.reduceRight((acc, layer) => over(layer, acc), under);
  const contrastOn = (under: Rgba) => {
    const bg = composite(under);
    return ratio(luminance(over(ink, bg)), luminance(bg));
  };
  let contrast: number;
  if (ownOpaque) contrast = contrastOn([0, 0, 0, 1]);
  else {
    // Something unknown lies beneath (the picture, or the shop's page): the lightest and the
    // darkest it could be bound the ratio, and if the text's own shade lies between, it can vanish.
    const dark = composite([0, 0, 0, 1]);
    const light = composite([255, 255, 255, 1]);
    const text = luminance(over(ink, dark));
    const between = (text - luminance(dark)) * (text - luminance(light)) <= 0;
    contrast = between ? 1 : Math.min(contrastOn([0, 0, 0, 1]), contrastOn([255, 255, 255, 1]));
  }
  const pageLayers: Rgba[] = [];
  for (let up: Element | null = el; up; up = up.parentElement) {
    const bg = parse(getComputedStyle(up).backgroundColor);
    if (bg[3] > 0) pageLayers.push(bg);
    if (bg[3] >= 1) break;
  }
  const pageBg = pageLayers.reduceRight((acc, layer) => over(layer, acc), [255, 255, 255, 1] as Rgba);
  const contrastOnPage = ratio(luminance(over(ink, pageBg)), luminance(pageBg));

  // Visible: a box, not faded, hidden, filtered, shrunk or clipped by anything in the creative.
  const range = document.createRange();
  range.selectNodeContents(el);
  const box = range.getBoundingClientRect();
  if (!(box.width > 0 && box.height > 0)) problems.push(`text box ${box.width}x${box.height}`);
  for (let up: Element | null = el; up; up = up.parentElement) {
    const s = getComputedStyle(up);
    const name = up === el ? 'text' : `<${up.tagName.toLowerCase()}>`;
    if (s.opacity !== '1') problems.push(`${name} opacity ${s.opacity}`);
    if (s.visibility !== 'visible') problems.push(`${name} visibility ${s.visibility}`);
    if (s.display === 'none') problems.push(`${name} display none`);
    if (s.filter !== 'none') problems.push(`${name} filter ${s.filter}`);
    if (s.transform !== 'none') problems.push(`${name} transform ${s.transform}`);
    if (s.clipPath !== 'none') problems.push(`${name} clip-path ${s.clipPath}`);
    if (s.mixBlendMode !== 'normal') problems.push(`${name} mix-blend-mode ${s.mixBlendMode}`);
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      const clip = up.getBoundingClientRect();
      const inside = box.left >= clip.left - 0.5 && box.right <= clip.right + 0.5 && box.top >= clip.top - 0.5 && box.bottom <= clip.bottom + 0.5;
      if (!inside) problems.push(`${name} (overflow ${s.overflowX} ${s.overflowY}) cuts the text`);
      if (up === el && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push('text overflows its own box');
    }
    if (up === creative) break;
  }
  const fontSize = parseFloat(style.fontSize);
  const lineHeight = style.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(style.lineHeight);
  if (lineHeight < fontSize) problems.push(`line-height ${style.lineHeight} under the font size`);
  if (style.letterSpacing !== 'normal' && parseFloat(style.letterSpacing) < 0) problems.push(`letter-spacing ${style.letterSpacing}`);
  if (style.textTransform !== 'none') problems.push(`text-transform ${style.textTransform}`);
  return {
    text: (el as HTMLElement).innerText,
    fontSize,
    contrast: Math.round(contrast * 100) / 100,
    contrastOnPage: Math.round(contrastOnPage * 100) / 100,
    colour: show(ink),
    background: show(layers.length ? composite([255, 255, 255, 1]) : pageBg),
    problems,
  };
}
