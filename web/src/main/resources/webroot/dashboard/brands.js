// The brand selector: every brand, by name, read page by page from the API.
import { getJson } from './api.js';
import { showErrors } from './banners.js';
import { rememberNames } from './controls.js';
import { nameOf } from './format.js';

const PAGE_SIZE = 100;
const MAX_PAGES = 100;

async function allBrands() {
  const brands = [];
  let url = '../brands?limit=' + PAGE_SIZE; // then the server's own `next` links
  let pages = 0;
  while (url && pages++ < MAX_PAGES) {
    const page = await getJson(url);
    (page.items || []).forEach((b) => brands.push(b));
    url = page.next || null;
  }
  return brands.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
}

/** Fills the selector, keeping the brand chosen (even one the list does not have, e.g. from the address). */
export async function loadBrands() {
  let brands;
  try {
    brands = await allBrands();
  } catch (e) {
    showErrors(['The brand list could not be loaded: ' + e.message]);
    return;
  }
  rememberNames('brandId', brands);
  const select = document.getElementById('brand-select');
  const keep = select.value;
  const keepText = select.selectedIndex > 0 ? select.options[select.selectedIndex].textContent : null;
  select.length = 1;
  brands.forEach((b) => {
    const o = document.createElement('option');
    o.value = String(b.id);
    o.textContent = nameOf(b) + (b.status === 'archived' ? ' (archived)' : '');
    select.appendChild(o);
  });
  if (keep && ![...select.options].some((o) => o.value === keep)) {
    const o = document.createElement('option');
    o.value = keep;
    o.textContent = keepText || '#' + keep;
    select.appendChild(o);
  }
  if (keep) select.value = keep;
}
