// The register page: lists issued documents from /v1/register (filters by
// organisation, kind, dates), downloads one again, and declares a term.
// Register data is written into the page as text, never as markup.
'use strict';

(() => {
  const body = document.querySelector('#bang-so tbody');
  const empty = document.getElementById('so-trong');
  const filters = document.getElementById('loc-so');
  const termForm = document.getElementById('them-nhiem-ky');
  const termList = document.getElementById('ds-nhiem-ky');

  /** YYYY-MM-DD as dd/mm/yyyy. */
  function vnDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[3] + '/' + m[2] + '/' + m[1] : (iso || '');
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  async function download(entry, format) {
    DV.notice('Đang tải ' + entry.symbol + ' (' + format.toUpperCase() + ')…');
    const response = await DV.api('/v1/register/' + encodeURIComponent(entry.id) + '?format=' + format);
    if (!response.ok) {
      const p = await DV.problem(response);
      DV.notice('Không tải được ' + entry.symbol + ': ' + (p.detail || p.title));
      return;
    }
    const blob = await response.blob();
    DV.saveFile(blob, DV.fileName(response, entry.symbol.replace(/\//g, '-') + '.' + format));
    DV.notice('Đã tải ' + entry.symbol + ' (' + format.toUpperCase() + ').');
  }

  function show(entries) {
    body.replaceChildren();
    for (const e of entries) {
      const row = document.createElement('tr');
      const symbol = cell(row, e.symbol);
      symbol.className = 'so-ky-hieu';
      cell(row, vnDate(e.date));
      cell(row, e.subject);
      cell(row, e.organisation);
      cell(row, e.signer);
      cell(row, e.voided_on ? 'Đã thu hồi ngày ' + vnDate(e.voided_on) + (e.void_reason ? ': ' + e.void_reason : '') : 'Còn hiệu lực');
      const actions = cell(row, '');
      for (const format of ['pdf', 'docx']) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = format.toUpperCase();
        button.setAttribute('aria-label', 'Tải lại ' + e.symbol + ' bản ' + format.toUpperCase());
        button.addEventListener('click', () => download(e, format));
        actions.appendChild(button);
      }
      body.appendChild(row);
    }
    empty.hidden = entries.length > 0;
  }

  async function load() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(filters)) {
      if (String(value).trim()) params.set(key, String(value).trim());
    }
    const query = params.toString();
    const response = await DV.api('/v1/register' + (query ? '?' + query : ''));
    if (!response.ok) {
      const p = await DV.problem(response);
      DV.notice('Không đọc được sổ: ' + (p.detail || p.title));
      return;
    }
    const entries = await response.json();
    show(entries);
    DV.notice('Sổ có ' + entries.length + ' văn bản theo điều kiện đã chọn.');
  }

  /** The book of the organisation and period the filters name. */
  async function book(format) {
    const data = new FormData(filters);
    const organisation = String(data.get('organisation') || '').trim();
    const from = String(data.get('from') || '');
    const to = String(data.get('to') || '');
    if (!organisation || !from || !to) {
      DV.notice('Để in sổ, hãy ghi tên tổ chức, từ ngày và đến ngày ở phần lọc.');
      return;
    }
    DV.notice('Đang lập sổ…');
    const params = new URLSearchParams({ organisation, from, to, format });
    const response = await DV.api('/v1/register/book?' + params.toString());
    if (!response.ok) {
      const p = await DV.problem(response);
      const first = (p.errors && p.errors[0]) ? p.errors[0].message : (p.detail || p.title);
      DV.notice('Chưa in được sổ: ' + first);
      return;
    }
    const blob = await response.blob();
    DV.saveFile(blob, DV.fileName(response, 'so-van-ban-di.' + format));
    DV.notice('Đã tải sổ văn bản đi (' + (format === 'xlsx' ? 'Excel' : format.toUpperCase()) + ').');
  }

  for (const button of document.querySelectorAll('#in-so button[data-book]')) {
    button.addEventListener('click', () => book(button.dataset.book));
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });

  termForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(termForm));
    const response = await DV.api('/v1/register/terms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to_chuc: String(data.to_chuc || ''), bat_dau: String(data.bat_dau || '') }),
    });
    const p = await response.json().catch(() => ({}));
    if (response.ok) {
      termList.textContent = 'Nhiệm kỳ của ' + p.organisation + ' bắt đầu: ' + p.terms.map(vnDate).join(', ') + '.';
    } else {
      const first = (p.errors && p.errors[0]) ? p.errors[0].message : (p.detail || p.title);
      termList.textContent = 'Chưa thêm được nhiệm kỳ: ' + first;
    }
  });

  load();
})();
