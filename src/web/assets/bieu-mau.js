// A form page: the input form, the live preview of every page, downloads,
// the case saved to and opened from a file, the draft kept in the browser,
// and the next document opened with what carries over.
'use strict';

(() => {
  const page = JSON.parse(document.getElementById('du-lieu-trang').textContent);
  const DRAFT = 'dangvu.nhap.' + page.id;
  const CARRY = 'dangvu.chuyen.';
  const SETTLE_MS = 150;
  const preview = document.querySelector('[data-role="preview"]');
  const previewStatus = document.getElementById('trang-thai-xem');
  const summaryBox = document.getElementById('tom-tat-loi');
  const draft = DV.draft(DRAFT, () => builder.data);

  const builder = new MauNhap.Builder(page.schema, {
    form: document.getElementById('mau-nhap'),
    example: page.example,
    onChange: () => { draft.keep(); schedulePreview(); },
  });

  function body() {
    return JSON.stringify(builder.collect());
  }

  /** The case of the blank form, as `body()` writes it: built once, apart. */
  const BLANK = (() => {
    const apart = new MauNhap.Builder(page.schema, { form: document.createElement('form'), example: page.example });
    apart.setData({});
    return JSON.stringify(apart.collect());
  })();
  /** The case as the page last filled it (example, saved case, blank):
   * what differs from it, and from the blank form, is the clerk's work. */
  let filled = BLANK;

  function typed() {
    const now = body();
    return builder.localProblems().length > 0 || (now !== filled && now !== BLANK);
  }

  /** Whether to go on replacing the case with `what`: asked only when
   * the form holds something the clerk typed. */
  async function mayReplace(what) {
    if (!typed()) return true;
    return DV.confirmReplace(what);
  }

  /** Fills the form with a case the page gives (not typed by the clerk). */
  function fill(value) {
    builder.setData(value);
    filled = body();
  }

  // ---- the preview ----
  let timer = null;
  let generation = 0;
  let urls = [];

  function schedulePreview() {
    clearTimeout(timer);
    timer = setTimeout(runPreview, SETTLE_MS);
  }

  async function check(json) {
    const r = await DV.api('/v1/forms/' + page.id + '/check', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: json,
    });
    if (!r.ok) return null;
    return r.json();
  }

  const ENCODINGS = { tcvn3: 'TCVN3 (ABC, phông .VnTime)', vni: 'VNI-Windows (phông VNI-Times)' };

  /** Legacy-encoded text the service converted: into the inputs, with a
   * note; a field typed on since the check started is left for the next. */
  function applyConverted(converted, sent) {
    if (!converted || !converted.length) return false;
    const names = [];
    const encodings = [];
    for (const c of converted) {
      const path = c.field.replace(/\[(\d+)\]/g, '.$1').split('.');
      const now = path.reduce((v, k) => (v == null ? v : v[k]), builder.data);
      const then = path.reduce((v, k) => (v == null ? v : v[k]), sent);
      if (now !== then) continue;
      const where = builder.put(c.field, c.value);
      names.push((where && where.label) || c.field);
      const enc = ENCODINGS[c.encoding] || c.encoding;
      if (!encodings.includes(enc)) encodings.push(enc);
    }
    if (!names.length) return false;
    DV.notice('Chữ gõ theo bảng mã cũ ' + encodings.join(', ') + ' đã được đổi sang Unicode ở: ' + names.join('; ') + '. Xin xem lại.');
    draft.keep();
    return true;
  }

  /** Whether the clerk asked for the document (a download or an issue
   * refused for problems): from then on every problem is shown, empty
   * inputs too, until the case checks clean — a preview check answering
   * after the refusal must not hide the list the notice points to. */
  let insisted = false;

  /** Problems at their inputs and in the summary; while typing (`focus`
   * false, and the clerk has not asked for the document) an input still
   * empty is not reported yet. Returns how many are shown. */
  function showProblems(errors, focus) {
    if (focus && errors.length) insisted = true;
    if (!errors.length && !builder.localProblems().length) insisted = false;
    const shown = builder.showErrors(errors, !focus && !insisted);
    MauNhap.summary(summaryBox, shown, focus);
    return shown.length;
  }

  /** The preview's status when the case does not yet make a document. */
  function notYet(shown) {
    previewStatus.textContent = shown
      ? 'Bản xem trước chưa cập nhật: còn chỗ cần sửa.'
      : 'Bản xem trước sẽ hiện khi các ô bắt buộc (dấu *) đã điền đủ.';
  }

  async function fetchPage(json, n, mine) {
    const r = await DV.api('/v1/forms/' + page.id + '/render?format=png&page=' + n, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'image/png' }, body: json,
    });
    if (mine !== generation) return null;
    return r;
  }

  /** No document to show: the form is blank. */
  function clearPreview() {
    ++generation;
    clearTimeout(timer);
    const old = urls;
    urls = [];
    preview.replaceChildren();
    delete preview.dataset.pages;
    preview.removeAttribute('aria-busy');
    setTimeout(() => old.forEach((u) => URL.revokeObjectURL(u)), 1000);
    previewStatus.textContent = 'Điền vào mẫu (hoặc bấm “Điền ví dụ”) để xem trước văn bản.';
  }

  async function runPreview() {
    let json = body();
    if (json === BLANK) { showProblems([], false); clearPreview(); return; }
    const mine = ++generation;
    preview.setAttribute('aria-busy', 'true');
    previewStatus.textContent = 'Đang cập nhật bản xem trước…';
    try {
      const checked = await check(json);
      if (mine !== generation) return;
      if (checked && applyConverted(checked.converted, JSON.parse(json))) json = body();
      // A date typed that is not a real day was not sent: the document
      // would lack it, so it is not drawn until the date is right.
      if (checked && (checked.valid === false || builder.localProblems().length)) {
        notYet(showProblems(checked.errors, false));
        return;
      }
      const first = await fetchPage(json, 1, mine);
      if (!first) return;
      if (!first.ok) {
        const p = await DV.problem(first);
        if (mine !== generation) return;
        if (p.errors) notYet(showProblems(p.errors, false));
        else previewStatus.textContent = 'Bản xem trước chưa cập nhật: ' + (p.detail || p.title || '');
        return;
      }
      showProblems([], false);
      const count = Math.max(1, parseInt(first.headers.get('Page-Count') || '1', 10) || 1);
      const rest = [];
      for (let n = 2; n <= count; n++) rest.push(fetchPage(json, n, mine));
      const answers = [first].concat(await Promise.all(rest));
      if (mine !== generation || answers.some((a) => !a || !a.ok)) return;
      const blobs = await Promise.all(answers.map((a) => a.blob()));
      if (mine !== generation) return;
      const old = urls;
      urls = blobs.map((b) => URL.createObjectURL(b));
      const imgs = urls.map((u, i) => MauNhap.el('img', { src: u, alt: 'Trang ' + (i + 1) + ' trên ' + count + ' của văn bản' }));
      // Decoded before they replace the old pages: no blank flash.
      await Promise.all(imgs.map((img) => img.decode().catch(() => null)));
      if (mine !== generation) { urls.forEach((u) => URL.revokeObjectURL(u)); urls = old; return; }
      preview.replaceChildren(...imgs.map((img, i) => MauNhap.el('figure', { class: 'trang-giay' }, img,
        MauNhap.el('figcaption', { text: 'Trang ' + (i + 1) + '/' + count }))));
      preview.dataset.pages = String(count);
      preview.dataset.generation = String(mine);
      previewStatus.textContent = count === 1 ? 'Bản xem trước: 1 trang.' : 'Bản xem trước: ' + count + ' trang.';
      setTimeout(() => old.forEach((u) => URL.revokeObjectURL(u)), 1000);
    } catch (e) {
      if (mine === generation) previewStatus.textContent = 'Không kết nối được máy chủ để xem trước.';
    } finally {
      if (mine === generation) preview.removeAttribute('aria-busy');
    }
  }

  // ---- downloads ----
  async function download(format, button) {
    if (builder.localProblems().length) {
      showProblems([], true);
      DV.notice('Chưa tải được: còn chỗ cần sửa (xem danh sách ở đầu mẫu).');
      return;
    }
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Đang tạo…';
    try {
      const r = await DV.api('/v1/forms/' + page.id + '/render?format=' + format, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body(),
      });
      if (!r.ok) {
        const p = await DV.problem(r);
        if (p.errors) {
          showProblems(p.errors, true);
          DV.notice('Chưa tải được: còn chỗ cần sửa (xem danh sách ở đầu mẫu).');
        } else DV.notice('Chưa tải được: ' + (p.detail || p.title || ''));
        return;
      }
      showProblems([], false);
      DV.saveFile(await r.blob(), DV.fileName(r, page.id + '.' + format));
      DV.notice('Đã tải ' + format.toUpperCase() + ' về máy.');
    } catch (e) {
      DV.notice('Không kết nối được máy chủ. Xin thử lại.');
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  // ---- issuing: the register's next number ----
  const issueResult = document.getElementById('cap-so-ket-qua');
  let issuing = false;

  /** The result line under the issue buttons: text, and a link after it. */
  function issueSays(text, link) {
    issueResult.replaceChildren(text);
    if (link) issueResult.append(' ', MauNhap.el('a', { href: link.href, text: link.text }));
  }

  /** Records the document in the office's register with the next number
   * (or the number the case gives), and downloads it. Both buttons wait
   * while one request runs: a double click issues once. */
  async function issue(format) {
    if (issuing) return;
    if (builder.localProblems().length) {
      showProblems([], true);
      issueSays('Chưa cấp số: còn chỗ cần sửa (xem danh sách ở đầu mẫu).');
      return;
    }
    issuing = true;
    const buttons = Array.from(document.querySelectorAll('button[data-action^="issue-"]'));
    for (const b of buttons) b.disabled = true;
    issueSays('Đang cấp số và tạo văn bản…');
    try {
      const r = await DV.api('/v1/forms/' + page.id + '/issue?format=' + format, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body(),
      });
      if (!r.ok) {
        const p = await DV.problem(r);
        if (p.errors && p.errors.length) {
          const errors = p.errors;
          showProblems(errors, true);
          const term = errors.some((e) => /nhiệm kỳ/.test(e.message));
          issueSays('Chưa cấp số: ' + errors[0].message + '.', term ? { href: '/so-van-ban#tieu-de-nhiem-ky', text: 'Khai báo nhiệm kỳ ở trang Sổ văn bản đi.' } : null);
        } else issueSays('Chưa cấp số: ' + (p.detail || p.title || ''));
        return;
      }
      const symbol = decodeURIComponent(r.headers.get('Document-Symbol') || '');
      const number = Number(r.headers.get('Document-Number'));
      DV.saveFile(await r.blob(), DV.fileName(r, page.id + '.' + format));
      showProblems([], false);
      // The form now carries the number: the preview and "Tải PDF" give the
      // document as issued, and issuing it again gives the same one back.
      if (number > 0) { builder.put('van_ban.so', number); draft.keep(); schedulePreview(); }
      issueSays('Đã cấp số ' + symbol + ' và tải ' + format.toUpperCase() + ' về máy. Văn bản đã ghi vào', { href: '/so-van-ban', text: 'Sổ văn bản đi.' });
    } catch (e) {
      issueSays('Không kết nối được máy chủ. Xin thử lại.');
    } finally {
      issuing = false;
      for (const b of buttons) b.disabled = false;
    }
  }

  // ---- the case as a file ----
  function saveCase() {
    const blob = new Blob([JSON.stringify(builder.collect(), null, 2) + '\n'], { type: 'application/json' });
    DV.saveFile(blob, 'ho-so-' + page.id + '.json');
    DV.notice('Đã lưu hồ sơ về máy. Lần sau bấm “Mở hồ sơ đã lưu” để làm tiếp.');
  }

  const picker = document.getElementById('chon-ho-so');
  DV.onCaseFile(picker, page.title, (value) => builder.unknownParts(value).length === 0, async (value, file) => {
    if (!await mayReplace('hồ sơ “' + file.name + '”')) return;
    fill(value);
    DV.notice('Đã mở hồ sơ “' + file.name + '”.');
    draft.keep();
    schedulePreview();
  });

  /** The value at a dotted path of a case, or undefined. */
  function valueAt(data, path) {
    return path.split('.').reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), data);
  }

  /**
   * Puts `value` at a dotted path: `[]` after a name means every member of
   * that list, a number one member (a lone record becomes a list's first).
   */
  function putAt(data, path, value) {
    const [head, ...rest] = path.split('.');
    const name = head.replace(/\[\]$/, '');
    if (head !== name) {
      for (const item of Array.isArray(data[name]) ? data[name] : []) {
        if (item && typeof item === 'object') putAt(item, rest.join('.'), value);
      }
    } else if (!rest.length) {
      data[name] = value;
    } else {
      const index = /^\d+$/.test(rest[0]);
      const ok = index ? Array.isArray(data[name]) : data[name] && typeof data[name] === 'object' && !Array.isArray(data[name]);
      if (!ok) data[name] = index ? [] : {};
      putAt(data[name], rest.join('.'), value);
    }
  }

  /** The document's number as it prints it ("08-NQ/CB"), formed by the
   * service; undefined while the case does not yet make a document. */
  async function printedNumber() {
    try {
      const checked = await check(body());
      return (checked && checked.doc_number) || undefined;
    } catch (e) { return undefined; }
  }

  async function openNext(id) {
    const link = (page.next || []).find((n) => n.id === id) || { leaves: [], moves: [] };
    const carried = builder.collect();
    const printed = link.moves.some(([from]) => from === page.printed_number) ? await printedNumber() : undefined;
    const moved = link.moves.map(([from, to]) => [to, from === page.printed_number ? printed : valueAt(carried, from)]);
    for (const [to, value] of moved) {
      if (value !== undefined && value !== '') putAt(carried, to, JSON.parse(JSON.stringify(value)));
    }
    for (const part of link.leaves) delete carried[part];
    try {
      localStorage.setItem(CARRY + id, JSON.stringify({
        tu: page.title, ho_so: carried, cap_khac: link.leaves.length > 0,
      }));
    } catch (e) { /* the next page opens blank */ }
    location.href = '/bieu-mau/' + id + '?tu=' + encodeURIComponent(page.id);
  }

  async function loadExample() {
    if (!await mayReplace('ví dụ')) return;
    fill(page.example || {});
    DV.notice('Đã điền ví dụ. Sửa lại cho đúng hồ sơ của chi bộ.');
    draft.keep();
    schedulePreview();
  }

  async function blank() {
    if (!await mayReplace('trang trắng')) return;
    fill({});
    showProblems([], false);
    clearPreview();
    DV.notice('Đã xóa hết, bắt đầu trang trắng.');
    draft.keep();
  }

  document.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (!b || b.dataset.list) return;
    switch (b.dataset.action) {
      case 'load-example': loadExample(); break;
      case 'new': blank(); break;
      case 'save': saveCase(); break;
      case 'open': picker.click(); break;
      case 'preview': runPreview(); break;
      case 'download-pdf': download('pdf', b); break;
      case 'download-docx': download('docx', b); break;
      case 'issue-pdf': issue('pdf'); break;
      case 'issue-docx': issue('docx'); break;
      case 'next': openNext(b.dataset.form); break;
      default: break;
    }
  });

  // ---- where the page starts: carried over, a draft, or blank ----
  function start() {
    const from = new URLSearchParams(location.search).get('tu');
    if (from) {
      const carried = localStorage.getItem(CARRY + page.id);
      localStorage.removeItem(CARRY + page.id);
      if (carried) {
        try {
          const c = JSON.parse(carried);
          builder.setData(builder.project(c.ho_so));
          DV.notice('Đã điền sẵn những mục lấy từ “' + c.tu + '”.'
            + (c.cap_khac ? ' Văn bản này do cấp khác ban hành: tên cơ quan, số, ngày, người ký và nơi nhận để trống cho bạn điền.' : '')
            + ' Xin xem lại và điền tiếp.');
          draft.save();
          return true;
        } catch (e) { /* fall through to the draft */ }
      }
    }
    const d = draft.load();
    if (d) {
      try {
        builder.setData(d.ho_so);
        const when = new Date(d.luc);
        DV.notice('Đã mở lại bản nháp lưu lúc ' + when.toLocaleString('vi-VN') + '. Bấm “Trang trắng” để bắt đầu lại.');
        return true;
      } catch (e) { /* a broken draft: start blank */ }
    }
    builder.setData({});
    return false;
  }

  if (start()) runPreview();
  else previewStatus.textContent = 'Điền vào mẫu (hoặc bấm “Điền ví dụ”) để xem trước văn bản.';
})();
