// Shared by every page: requests to the service (with the access token when
// the service asks for one), files handed to the clerk, short notices.
'use strict';

window.DV = (() => {
  const TOKEN_KEY = 'dangvu.ma-truy-cap';
  let asking = null;

  /** Asks for the access token once, however many requests were refused. */
  function askToken(wrong) {
    if (asking) return asking;
    const dialog = document.getElementById('hoi-ma-truy-cap');
    const input = document.getElementById('ma-truy-cap');
    const error = document.getElementById('hoi-ma-loi');
    error.textContent = wrong ? 'Mã vừa nhập chưa đúng, xin nhập lại.' : '';
    input.value = '';
    asking = new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        asking = null;
        const value = input.value.trim();
        resolve(dialog.returnValue === 'ok' && value ? value : null);
      }, { once: true });
      dialog.showModal();
      input.focus();
    });
    return asking;
  }

  /** fetch() with `Authorization: Bearer` once the clerk has given a token. */
  async function api(path, options) {
    let wrong = false;
    for (;;) {
      const headers = Object.assign({}, (options && options.headers) || {});
      const token = sessionStorage.getItem(TOKEN_KEY);
      if (token) headers.Authorization = 'Bearer ' + token;
      const response = await fetch(path, Object.assign({}, options, { headers }));
      if (response.status !== 401) return response;
      const given = await askToken(wrong || !!token);
      if (!given) return response;
      sessionStorage.setItem(TOKEN_KEY, given);
      wrong = true;
    }
  }

  /** The file name the service gave (Content-Disposition), else `fallback`. */
  function fileName(response, fallback) {
    const cd = response.headers.get('Content-Disposition') || '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) {
      try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ }
    }
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    return plain ? plain[1] : fallback;
  }

  /** Hands a file to the browser's downloads. */
  function saveFile(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.className = 'an';
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 10000);
  }

  /** The Vietnamese message of an error answer (problem details). */
  async function problem(response) {
    try {
      const p = await response.json();
      return p;
    } catch (e) {
      return { title: 'Máy chủ trả lời không đọc được (mã ' + response.status + ').' };
    }
  }

  function notice(text) {
    const el = document.getElementById('thong-bao');
    if (el) el.textContent = text;
  }

  /** Asks before typed work is replaced by `what` ("ví dụ": "Thay toàn
   * bộ nội dung đang nhập bằng ví dụ?", the replacing button "Thay bằng ví
   * dụ"); resolves true only when the clerk chose it. Keeping what was
   * typed is the button focused first, and Esc. */
  function confirmReplace(what) {
    const dialog = document.getElementById('hoi-thay-the');
    document.getElementById('hoi-thay-the-cau-hoi').textContent =
      'Thay toàn bộ nội dung đang nhập bằng ' + what + '?';
    document.getElementById('hoi-thay-the-dong-y').textContent = 'Thay bằng ' + what;
    const back = document.activeElement;
    return new Promise((resolve) => {
      dialog.returnValue = '';
      dialog.addEventListener('close', () => {
        if (back && back.isConnected && back.focus) back.focus();
        resolve(dialog.returnValue === 'thay');
      }, { once: true });
      dialog.showModal();
      document.getElementById('hoi-thay-the-giu').focus();
    });
  }

  /** The case kept in the browser under `key` while the clerk types, so a
   * closed tab or a power cut loses nothing; `read` gives what to keep.
   * `keep()` saves shortly after the last change, `save()` at once, and the
   * page saves what is pending when it is left. `load()` gives the kept
   * `{ luc, ho_so }` or null. */
  function draft(key, read) {
    let timer = null;
    let dirty = false;
    function flush() {
      if (!dirty) return;
      dirty = false;
      try {
        localStorage.setItem(key, JSON.stringify({ luc: Date.now(), ho_so: read() }));
      } catch (e) { /* storage full or disabled: the page still works */ }
    }
    window.addEventListener('pagehide', flush);
    return {
      keep() {
        dirty = true;
        clearTimeout(timer);
        timer = setTimeout(flush, 300);
      },
      save() {
        dirty = true;
        flush();
      },
      load() {
        try {
          const raw = localStorage.getItem(key);
          return raw ? JSON.parse(raw) : null;
        } catch (e) { return null; }
      },
    };
  }

  /** A case saved from this page, chosen in `picker` (the hidden file
   * input): `accepts(value)` says whether it is a case of this form (its
   * parts are the form's own), then `open(value, file)` takes it (and may
   * ask first). A file that is not such a case gets a notice naming the
   * form `title`, and the page is left as it was. */
  function onCaseFile(picker, title, accepts, open) {
    picker.addEventListener('change', async () => {
      const file = picker.files && picker.files[0];
      if (!file) return;
      picker.value = '';
      let value = null;
      try {
        value = JSON.parse(await file.text());
      } catch (e) { value = null; }
      if (!value || typeof value !== 'object' || Array.isArray(value) || !accepts(value)) {
        notice('Tệp “' + file.name + '” không phải hồ sơ của mẫu “' + title + '”. Nội dung đang nhập vẫn giữ nguyên.');
        return;
      }
      await open(value, file);
    });
  }

  return { api, fileName, saveFile, problem, notice, draft, onCaseFile, confirmReplace };
})();
