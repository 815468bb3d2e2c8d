// The demo shop's one product and its stateless cart: what an item reference and a quantity
// mean, what they cost, and the order numbers a checkout hands out. Pure, apart from the dice.
import { randomInt } from 'node:crypto';

export const SHOP = {
  brand: 'Aurelia Atelier',
  city: 'Lisbon',
  currency: 'EUR',
} as const;

export const PRODUCT = {
  /** The form's hidden `id`, as a Shopify theme posts its product's id. */
  id: 'lumen',
  name: 'Lumen ring',
  material: '18k recycled gold',
  price: 129,
  /** EU ring sizes (inner circumference in mm). */
  sizes: [48, 50, 52, 54, 56, 58, 60],
  defaultSize: 54,
  maxQuantity: 5,
  summary: 'A slim band of 18k recycled gold holding a single lab-grown diamond that catches the light from every side.',
  image: 'lumen-ring.svg',
  imageAlt: 'The Lumen ring standing upright on a pale backdrop: a slim gold band topped with a small round diamond.',
  secondImage: 'lumen-ring-flat.svg',
  secondImageAlt: 'The Lumen ring lying flat on travertine stone, seen from above, its diamond facing the camera.',
} as const;

export interface CartLine {
  /** `lumen-54`: the product and the size chosen. */
  item: string;
  size: number;
  quantity: number;
  total: number;
}

/** The cart line for an item reference and a quantity from a request, or null if they make no sense. */
export function cartLine(item: string | undefined, quantity: string | undefined): CartLine | null {
  const match = /^lumen-(\d{2})$/.exec(item ?? '');
  const size = match ? Number(match[1]) : NaN;
  if (!(PRODUCT.sizes as readonly number[]).includes(size)) return null;
  if (!/^\d{1,2}$/.test(quantity ?? '')) return null;
  const count = Number(quantity);
  if (count < 1 || count > PRODUCT.maxQuantity) return null;
  return { item: `lumen-${size}`, size, quantity: count, total: count * PRODUCT.price };
}

/** What the product form posts (`id`, `size`, `quantity`) as a cart line. */
export function lineFromForm(form: { id?: string; size?: string; quantity?: string }): CartLine | null {
  if (form.id !== PRODUCT.id) return null;
  return cartLine(`lumen-${form.size ?? PRODUCT.defaultSize}`, form.quantity ?? '1');
}

// No 0/O or 1/I: order numbers are read out over the phone.
const ORDER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const ORDER_PATTERN = /^AUR-[A-HJ-NP-Z2-9]{8}$/;

export function makeOrderId(): string {
  let id = 'AUR-';
  for (let i = 0; i < 8; i++) id += ORDER_ALPHABET[randomInt(ORDER_ALPHABET.length)];
  return id;
}

const euros = new Intl.NumberFormat('en-IE', { style: 'currency', currency: SHOP.currency, minimumFractionDigits: 0, maximumFractionDigits: 2 });

export function formatPrice(amount: number): string {
  return euros.format(amount);
}
