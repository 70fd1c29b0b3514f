// The quarterly pack page: the committee's details, per branch its roster as
// the Excel or CSV file the office keeps, and one button that returns the ZIP.
// Sent as multipart/form-data: the committee (each branch's `danh_sach` is a
// file name) and one part per roster file under that name.
'use strict';

(() => {
  const page = JSON.parse(document.getElementById('du-lieu-trang').textContent);
  const DRAFT = 'dangvu.nhap.bo-bao-cao-quy';
  const summaryBox = document.getElementById('tom-tat-loi');
  const rosterBox = document.getElementById('loi-danh-sach');
  const status = document.getElementById('trang-thai-xem');
  /** Roster files chosen, by their branch: the branch's own object in the
   * case, which the list's "Xóa", "Lên", "Xuống" and "Thêm" move or drop
   * whole, so a file stays with its branch wherever the branch goes. */
  let files = new WeakMap();

  /** The branch (the object in the case) a roster input at `path` belongs to. */
  function branchAt(path) {
    return path.slice(0, -1).reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), builder.data);
  }

  function rosterField(builder, s, path, parent, required) {
    const name = path.join('.');
    const id = 'o.' + name;
    const label = 'Danh sách đảng viên (tệp Excel hoặc CSV)';
    const branch = branchAt(path);
    const chosen = branch && files.get(branch);
    const input = MauNhap.el('input', {
      type: 'file', id, name, accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv',
      'aria-describedby': id + '.goi-y ' + id + '.loi', 'aria-required': required ? 'true' : null,
    });
    input.addEventListener('change', () => {
      const f = input.files && input.files[0];
      const owner = branchAt(path);
      if (owner && f) files.set(owner, f); else if (owner) files.delete(owner);
      if (f) chose = true;
      note.textContent = f ? 'Đã chọn: ' + f.name : 'Chưa chọn tệp.';
    });
    const note = MauNhap.el('p', { class: 'goi-y', id: id + '.goi-y', text: chosen ? 'Đã chọn: ' + chosen.name : 'Chọn tệp danh sách đảng viên của chi bộ (dòng đầu là tên cột).' });
    const labelEl = MauNhap.el('label', { for: id, text: label });
    if (required) labelEl.append(MauNhap.el('span', { class: 'bat-buoc', 'aria-hidden': 'true', text: ' *' }), MauNhap.el('span', { class: 'an', text: ' (bắt buộc)' }));
    parent.append(MauNhap.el('div', { class: 'truong', 'data-field': name, 'data-label': label },
      labelEl, note, input, MauNhap.el('p', { class: 'loi', id: id + '.loi' })));
  }

  const draft = DV.draft(DRAFT, () => builder.data);
  const builder = new MauNhap.Builder(page.schema, {
    form: document.getElementById('mau-nhap'),
    anyField: rosterField,
    onChange: () => draft.keep(),
  });

  /** The committee with each branch's roster named by its file, and the files. */
  function request() {
    const committee = builder.collect();
    const rosters = [];
    const used = new Set();
    const branches = builder.data.chi_bo || [];
    (committee.chi_bo || []).forEach((branch, i) => {
      const file = branches[i] && typeof branches[i] === 'object' ? files.get(branches[i]) : undefined;
      if (!file) { delete branch.danh_sach; return; }
      let name = file.name;
      if (used.has(name)) name = 'chi-bo-' + (i + 1) + '-' + name;
      used.add(name);
      branch.danh_sach = name;
      rosters.push([name, file]);
    });
    const form = new FormData();
    form.append('committee', new Blob([JSON.stringify(committee)], { type: 'application/json' }), 'committee.json');
    for (const [name, file] of rosters) form.append(name, file, name);
    return form;
  }

  function rosterTable(errors) {
    const rows = errors.filter((e) => e.row !== undefined || e.sheet !== undefined);
    rosterBox.replaceChildren();
    if (!rows.length) { rosterBox.hidden = true; return; }
    const el = MauNhap.el;
    const head = el('tr', {}, ...['Chi bộ', 'Trang tính', 'Dòng', 'Cột', 'Lỗi'].map((t) => el('th', { scope: 'col', text: t })));
    const body = rows.map((e) => el('tr', {},
      el('td', { text: e.branch || '' }),
      el('td', { text: e.sheet || '' }),
      el('td', { text: e.row === undefined || e.row === null ? '' : String(e.row) }),
      el('td', { text: e.column ? e.column + (e.header ? ' (' + e.header + ')' : '') : (e.header || '') }),
      el('td', { text: e.message })));
    rosterBox.append(el('h2', { text: 'Lỗi trong tệp danh sách đảng viên' }),
      el('table', {}, el('caption', { class: 'an', text: 'Các ô cần sửa trong tệp danh sách' }), el('thead', {}, head), el('tbody', {}, ...body)));
    rosterBox.hidden = false;
  }

  async function buildPack(button) {
    if (builder.localProblems().length) {
      MauNhap.summary(summaryBox, builder.showErrors([]), true);
      status.textContent = 'Chưa tạo được: còn chỗ cần sửa.';
      return;
    }
    button.disabled = true;
    status.textContent = 'Đang tạo bộ báo cáo, xin chờ…';
    try {
      const r = await DV.api('/v1/packs/quarterly', { method: 'POST', body: request() });
      if (!r.ok) {
        const p = await DV.problem(r);
        const errors = p.errors || [];
        rosterTable(errors);
        const shown = builder.showErrors(errors.filter((e) => e.row === undefined && e.sheet === undefined));
        MauNhap.summary(summaryBox, shown, shown.length > 0);
        if (!shown.length && errors.length) rosterBox.focus();
        status.textContent = errors.length ? 'Chưa tạo được: còn chỗ cần sửa.' : 'Chưa tạo được: ' + (p.detail || p.title || '');
        return;
      }
      rosterTable([]);
      builder.clearErrors();
      MauNhap.summary(summaryBox, [], false);
      DV.saveFile(await r.blob(), DV.fileName(r, 'bo-bao-cao-quy.zip'));
      status.textContent = 'Đã tạo xong và tải bộ báo cáo về máy.';
    } catch (e) {
      status.textContent = 'Không kết nối được máy chủ. Xin thử lại.';
    } finally {
      button.disabled = false;
    }
  }

  /** The committee of the blank page, as `collect()` writes it. */
  const BLANK = (() => {
    const apart = new MauNhap.Builder(page.schema, { form: document.createElement('form'), anyField: () => {} });
    apart.setData({});
    return JSON.stringify(apart.collect());
  })();
  /** The committee as the page last filled it (example, saved case, blank). */
  let filled = BLANK;
  /** Whether a roster file was chosen since the page was last filled. */
  let chose = false;

  /** Whether to go on replacing the committee with `what`: asked only when
   * the page holds something the clerk typed or chose. */
  async function mayReplace(what) {
    const now = JSON.stringify(builder.collect());
    if (!chose && (now === filled || now === BLANK)) return true;
    return DV.confirmReplace(what);
  }

  function fill(value) {
    files = new WeakMap();
    chose = false;
    builder.setData(value);
    filled = JSON.stringify(builder.collect());
  }

  const picker = document.getElementById('chon-ho-so');
  DV.onCaseFile(picker, 'Bộ báo cáo quý', (value) => builder.unknownParts(value).length === 0, async (value, file) => {
    if (!await mayReplace('hồ sơ “' + file.name + '”')) return;
    fill(value);
    DV.notice('Đã mở hồ sơ “' + file.name + '”. Xin chọn lại tệp danh sách của từng chi bộ.');
    draft.keep();
  });

  async function loadExample() {
    if (!await mayReplace('ví dụ')) return;
    fill(page.example);
    DV.notice('Đã điền ví dụ. Chọn tệp danh sách đảng viên cho từng chi bộ rồi bấm “Tạo bộ báo cáo”.');
    draft.keep();
  }

  async function blank() {
    if (!await mayReplace('trang trắng')) return;
    fill({});
    DV.notice('Đã xóa hết, bắt đầu trang trắng.');
    draft.keep();
  }

  document.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (!b || b.dataset.list) return;
    switch (b.dataset.action) {
      case 'load-example': loadExample(); break;
      case 'new': blank(); break;
      case 'save': {
        const blob = new Blob([JSON.stringify(builder.collect(), null, 2) + '\n'], { type: 'application/json' });
        DV.saveFile(blob, 'ho-so-bo-bao-cao-quy.json');
        DV.notice('Đã lưu hồ sơ về máy (tệp danh sách đảng viên không nằm trong hồ sơ).');
        break;
      }
      case 'open': picker.click(); break;
      case 'build-pack': buildPack(b); break;
      default: break;
    }
  });

  const kept = draft.load();
  let restored = false;
  if (kept) {
    try {
      builder.setData(kept.ho_so);
      DV.notice('Đã mở lại bản nháp. Xin chọn lại tệp danh sách của từng chi bộ.');
      restored = true;
    } catch (e) { /* start blank */ }
  }
  if (!restored) builder.setData({});
})();
