// The register page: lists issued documents from /v1/register (filters by
// organisation, kind, dates), downloads one again, voids one (reason and
// day asked in a dialog), and declares a term. Dates are typed as
// ngày/tháng/năm and checked here, in the clerk's words.
// Register data is written into the page as text, never as markup.
'use strict';

(() => {
  const body = document.querySelector('#bang-so tbody');
  const empty = document.getElementById('so-trong');
  const filters = document.getElementById('loc-so');
  const termForm = document.getElementById('them-nhiem-ky');
  const termList = document.getElementById('ds-nhiem-ky');
  const voidDialog = document.getElementById('hoi-huy');
  const voidForm = document.getElementById('mau-huy');
  const voidReason = document.getElementById('huy-ly-do');
  const voidDay = document.getElementById('huy-ngay');
  const voidError = document.getElementById('huy-loi');

  /** Shows (or clears) the message at an input; returns whether it is fine. */
  function mark(input, message) {
    document.getElementById(input.id + '.loi').textContent = message || '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    return !message;
  }

  /** A date input's day as yyyy-mm-dd ('' when empty), or null with the
   * message shown at it. */
  function day(input, required, missing) {
    const text = input.value.trim();
    if (!text) return mark(input, required ? missing : '') ? '' : null;
    const problem = MauNhap.dateProblem(text);
    return mark(input, problem) ? MauNhap.shownToIso(text) : null;
  }

  /** The service's problems at the inputs that `fields` names, the rest as text. */
  function placeProblems(p, fields) {
    const rest = [];
    let first = null;
    for (const e of p.errors || []) {
      const input = fields[e.field];
      if (input) { mark(input, e.message); first = first || input; } else rest.push(e.message);
    }
    if (first) first.focus();
    return rest.join(' ') || (first ? '' : (p.detail || p.title || ''));
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

  function rowFor(e) {
    const row = document.createElement('tr');
    row.dataset.id = e.id;
    const symbol = cell(row, e.symbol);
    symbol.className = 'so-ky-hieu';
    cell(row, MauNhap.isoToShown(e.date));
    cell(row, e.subject);
    cell(row, e.organisation);
    cell(row, e.signer);
    cell(row, e.voided_on ? 'Đã thu hồi ngày ' + MauNhap.isoToShown(e.voided_on) + (e.void_reason ? ': ' + e.void_reason : '') : 'Còn hiệu lực');
    const actions = cell(row, '');
    for (const format of ['pdf', 'docx']) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = format.toUpperCase();
      button.setAttribute('aria-label', 'Tải lại ' + e.symbol + ' bản ' + format.toUpperCase());
      button.addEventListener('click', () => download(e, format));
      actions.appendChild(button);
    }
    const voidCell = cell(row, '');
    if (!e.voided_on) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Hủy văn bản';
      button.setAttribute('aria-label', 'Hủy văn bản ' + e.symbol);
      button.addEventListener('click', () => askVoid(e));
      voidCell.appendChild(button);
    }
    return row;
  }

  function show(entries) {
    body.replaceChildren(...entries.map(rowFor));
    empty.hidden = entries.length > 0;
  }

  // ---- voiding a document ----
  let voiding = null;

  function today() {
    const d = new Date();
    return String(d.getDate()).padStart(2, '0') + '/' + String(d.getMonth() + 1).padStart(2, '0') + '/' + d.getFullYear();
  }

  function askVoid(entry) {
    voiding = entry;
    document.getElementById('hoi-huy-tieu-de').textContent = 'Hủy văn bản ' + entry.symbol;
    voidReason.value = '';
    voidDay.value = today();
    mark(voidReason, '');
    mark(voidDay, '');
    voidError.textContent = '';
    voidDialog.showModal();
    voidReason.focus();
  }

  document.getElementById('huy-thoi').addEventListener('click', () => voidDialog.close());

  voidForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const entry = voiding;
    if (!entry) return;
    const reason = voidReason.value.trim();
    const reasonOk = mark(voidReason, reason ? '' : 'Xin ghi lý do hủy văn bản.');
    const on = day(voidDay, true, 'Xin ghi ngày hủy, ví dụ ' + today() + '.');
    if (!reasonOk || on === null) {
      (reasonOk ? voidDay : voidReason).focus();
      return;
    }
    const button = document.getElementById('huy-dong-y');
    button.disabled = true;
    voidError.textContent = '';
    try {
      const response = await DV.api('/v1/register/' + encodeURIComponent(entry.id) + '/void', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ly_do: reason, ngay: on }),
      });
      const p = await response.json().catch(() => ({}));
      if (!response.ok) {
        voidError.textContent = placeProblems(p, { ly_do: voidReason, ngay: voidDay });
        return;
      }
      voiding = null;
      voidDialog.close();
      const old = body.querySelector('tr[data-id="' + CSS.escape(entry.id) + '"]');
      const row = rowFor(p);
      if (old) old.replaceWith(row); else body.appendChild(row);
      DV.notice('Đã hủy văn bản ' + entry.symbol + '. Số của văn bản vẫn giữ trong sổ.');
      row.querySelector('button').focus();
    } catch (e) {
      voidError.textContent = 'Không kết nối được máy chủ. Xin thử lại.';
    } finally {
      button.disabled = false;
    }
  });

  const fromInput = document.getElementById('loc-tu');
  const toInput = document.getElementById('loc-den');

  /** The filters, dates as yyyy-mm-dd; null (messages at the inputs) when a date is wrong. */
  function filterValues() {
    const from = day(fromInput, false);
    const to = day(toInput, false);
    if (from === null || to === null) {
      (from === null ? fromInput : toInput).focus();
      return null;
    }
    const data = new FormData(filters);
    return {
      organisation: String(data.get('organisation') || '').trim(),
      kind: String(data.get('kind') || ''),
      from,
      to,
    };
  }

  async function load() {
    const values = filterValues();
    if (!values) { DV.notice('Chưa xem được sổ: ngày ở phần lọc chưa đúng.'); return; }
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) {
      if (value) params.set(key, value);
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
    const values = filterValues();
    if (!values) { DV.notice('Chưa in được sổ: ngày ở phần lọc chưa đúng.'); return; }
    const { organisation, from, to } = values;
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
      if (p.errors) placeProblems(p, { from: fromInput, to: toInput });
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

  const termName = document.getElementById('nk-to-chuc');
  const termStart = document.getElementById('nk-bat-dau');

  termForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = termName.value.trim();
    const nameOk = mark(termName, name ? '' : 'Xin ghi tên tổ chức đảng, ví dụ Chi bộ Tổ dân phố số 5.');
    const start = day(termStart, true, 'Xin ghi ngày bắt đầu nhiệm kỳ, ví dụ 01/10/2025.');
    if (!nameOk || start === null) {
      (nameOk ? termStart : termName).focus();
      termList.textContent = 'Chưa thêm được nhiệm kỳ: còn ô cần sửa.';
      return;
    }
    const response = await DV.api('/v1/register/terms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to_chuc: name, bat_dau: start }),
    });
    const p = await response.json().catch(() => ({}));
    if (response.ok) {
      termList.textContent = 'Nhiệm kỳ của ' + p.organisation + ' bắt đầu: ' + p.terms.map(MauNhap.isoToShown).join(', ') + '.';
    } else {
      const rest = placeProblems(p, { to_chuc: termName, bat_dau: termStart });
      termList.textContent = 'Chưa thêm được nhiệm kỳ' + (rest ? ': ' + rest : ': còn ô cần sửa.');
    }
  });

  load();
})();
