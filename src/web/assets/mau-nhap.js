// The input form, built from the form's case schema. One walk over the schema
// builds the inputs from the case (`data`), and the same walk reads the case
// back (`collect`), so lists can grow and shrink without a second description
// of the form. Every input's `name` is the case field path with dots
// (`cuoc_hop.so_luong.co_mat`, `dang_vien.0.ho_ten`); its id is `o.` + name,
// its error element `o.<name>.loi`, linked by aria-describedby.
'use strict';

window.MauNhap = (() => {
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  /** 'chi-bo-truc-thuoc' or 'ho_ten' → a readable fallback label. */
  function humanize(code) {
    const s = String(code).replace(/[-_]+/g, ' ').trim();
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  /** yyyy-mm-dd → dd/mm/yyyy; anything else kept as it is. */
  function isoToShown(v) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v || '');
    return m ? m[3] + '/' + m[2] + '/' + m[1] : (v || '');
  }

  /** dd/mm/yyyy (or d-m-yyyy, d.m.yyyy, or yyyy-mm-dd) → yyyy-mm-dd; anything else kept as typed. */
  function shownToIso(text) {
    const t = text.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
    const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
    if (!m) return t;
    return m[3] + '-' + m[2].padStart(2, '0') + '-' + m[1].padStart(2, '0');
  }

  /** What is wrong with a date the clerk typed, in the clerk's words, or
   * null when it is a real day (or nothing was typed). Two-digit years are
   * refused, not guessed: "15/03/50" may be a birth in 1950. */
  function dateProblem(text) {
    const t = String(text || '').trim();
    if (!t) return null;
    let g = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    let d;
    let m;
    let y;
    if (g) { y = Number(g[1]); m = Number(g[2]); d = Number(g[3]); }
    else if ((g = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)$/.exec(t))) {
      if (g[3].length !== 4) return 'Năm cần viết đủ bốn chữ số, ví dụ 05/01/2026 (không viết 05/01/26).';
      d = Number(g[1]); m = Number(g[2]); y = Number(g[3]);
    } else return 'Ngày cần viết dạng ngày/tháng/năm, ví dụ 05/01/2026.';
    if (m < 1 || m > 12) return 'Không có tháng ' + m + ': tháng viết từ 1 đến 12, ví dụ 05/01/2026.';
    const end = new Date(Date.UTC(2000, 0, 1));
    end.setUTCFullYear(y, m, 0);
    if (d < 1) return 'Không có ngày ' + d + ': ngày viết từ 1, ví dụ 05/01/2026.';
    if (d > end.getUTCDate()) return 'Tháng ' + m + ' năm ' + y + ' không có ngày ' + d + '.';
    return null;
  }

  /** A date the case may hold: yyyy-mm-dd of a real day. */
  function isDay(v) {
    return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && dateProblem(v) === null;
  }

  function getAt(obj, path) {
    let v = obj;
    for (const k of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = v[k];
    }
    return v;
  }

  function setAt(obj, path, value) {
    let v = obj;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i];
      if (v[k] === null || typeof v[k] !== 'object') v[k] = typeof path[i + 1] === 'number' ? [] : {};
      v = v[k];
    }
    const last = path[path.length - 1];
    if (value === undefined) delete v[last];
    else v[last] = value;
  }

  function clone(v) {
    return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
  }

  class Builder {
    constructor(schema, options) {
      this.schema = schema;
      this.defs = schema.$defs || {};
      this.options = options || {};
      this.form = this.options.form;
      this.data = {};
      this.example = this.options.example || null;
      this.errorsShown = [];
      this.form.addEventListener('click', (e) => this.onClick(e));
    }

    // ---- the schema ----

    resolve(s) {
      let out = s || {};
      let guard = 0;
      while (out.$ref && guard++ < 32) {
        const name = out.$ref.replace(/^#\/\$defs\//, '');
        const rest = Object.assign({}, out);
        delete rest.$ref;
        out = Object.assign({}, this.defs[name] || {}, rest);
      }
      return out;
    }

    /** The schema without its "or nothing" wrapper, and whether it had one. */
    unwrap(s) {
      s = this.resolve(s);
      const outer = { title: s.title, description: s.description };
      for (const key of ['anyOf', 'oneOf']) {
        const alts = s[key];
        if (Array.isArray(alts) && alts.length === 2) {
          const i = alts.findIndex((a) => a && a.type === 'null');
          if (i >= 0) {
            const inner = Object.assign({}, this.resolve(alts[1 - i]));
            if (outer.title) inner.title = outer.title;
            if (outer.description) inner.description = outer.description;
            return { s: inner, nullable: true };
          }
        }
      }
      if (Array.isArray(s.type) && s.type.includes('null')) {
        const others = s.type.filter((t) => t !== 'null');
        return { s: Object.assign({}, s, { type: others.length === 1 ? others[0] : others }), nullable: true };
      }
      return { s, nullable: false };
    }

    /** The choices of a closed vocabulary, or null. */
    choices(s) {
      if (Array.isArray(s.enum)) {
        const titles = s['x-enum-titles'] || {};
        return s.enum.filter((v) => v !== null).map((v) => ({ value: v, label: titles[v] || humanize(v) }));
      }
      const alts = s.oneOf || s.anyOf;
      if (!Array.isArray(alts)) return null;
      const out = [];
      for (const a0 of alts) {
        const a = this.resolve(a0);
        if (a.const !== undefined) out.push({ value: a.const, label: a.title || humanize(a.const) });
        else if (Array.isArray(a.enum)) {
          const titles = a['x-enum-titles'] || {};
          for (const v of a.enum) out.push({ value: v, label: titles[v] || humanize(v) });
        } else if (a.type === 'null') continue;
        else return null;
      }
      return out;
    }

    alternatives(s) {
      const alts = s.oneOf || s.anyOf;
      if (!Array.isArray(alts)) return null;
      const resolved = alts.map((a) => this.resolve(a));
      return resolved.every((a) => a.type === 'object' || a.properties) ? resolved : null;
    }

    kind(s) {
      if (this.choices(s)) return 'choice';
      if (this.alternatives(s)) return 'union';
      const t = s.type;
      if (t === 'object' || s.properties) return 'object';
      if (t === 'array') return 'list';
      if (t === 'string') {
        if (s.format === 'date') return 'date';
        if (s['x-multiline']) return 'text';
        return 'line';
      }
      if (t === 'integer') return 'int';
      if (t === 'number') return 'number';
      if (t === 'boolean') return 'bool';
      return 'any';
    }

    /** The tag property all alternatives fix with a `const`, if any. */
    tagOf(alts) {
      const first = alts[0].properties || {};
      for (const key of Object.keys(first)) {
        if (alts.every((a) => a.properties && a.properties[key] && this.resolve(a.properties[key]).const !== undefined)) return key;
      }
      return null;
    }

    /** Which alternative a value is: by its tag, else the one that knows most of it. */
    activeAlt(alts, value) {
      const tag = this.tagOf(alts);
      if (tag) {
        const v = value && value[tag];
        const i = alts.findIndex((a) => this.resolve(a.properties[tag]).const === v);
        return i >= 0 ? i : 0;
      }
      let best = 0;
      let bestScore = -1;
      alts.forEach((a, i) => {
        const score = this.fit(a, value);
        if (score > bestScore) { best = i; bestScore = score; }
      });
      return best;
    }

    /** How many of a value's keys a schema knows, all the way down. */
    fit(s, value) {
      const { s: inner } = this.unwrap(s);
      if (value === null || typeof value !== 'object') return 0;
      if (Array.isArray(value)) {
        if (inner.type !== 'array') return -1;
        return value.reduce((n, item) => n + this.fit(inner.items || {}, item), 0);
      }
      const props = inner.properties;
      if (!props) return 0;
      let n = 0;
      for (const [k, v] of Object.entries(value)) n += k in props ? 1 + Math.max(0, this.fit(props[k], v)) : -1;
      return n;
    }

    title(s, key) {
      if (s.title && s.title !== 'Case') return s.title;
      return humanize(key);
    }

    /** Property order: as the example writes them, then the required ones, then the rest. */
    order(s, path) {
      const keys = [];
      const seen = new Set();
      const add = (k) => { if (s.properties && k in s.properties && !seen.has(k)) { seen.add(k); keys.push(k); } };
      const ex = this.exampleAt(path);
      if (ex && typeof ex === 'object' && !Array.isArray(ex)) Object.keys(ex).forEach(add);
      (s.required || []).forEach(add);
      Object.keys(s.properties || {}).forEach(add);
      return keys;
    }

    exampleAt(path) {
      let v = this.example;
      for (const k of path) {
        if (v === null || typeof v !== 'object') return undefined;
        v = Array.isArray(v) ? v[0] : v[k];
      }
      return v;
    }

    // ---- building the inputs ----

    render() {
      const active = document.activeElement && document.activeElement.id;
      this.form.replaceChildren();
      this.node(this.schema, [], this.form, true);
      if (active) {
        const again = document.getElementById(active);
        if (again) again.focus();
      }
    }

    node(s0, path, parent, required) {
      const { s, nullable } = this.unwrap(s0);
      const k = this.kind(s);
      const key = path.length ? path[path.length - 1] : '';
      if (k === 'object' || k === 'union') {
        if (path.length && nullable) return this.optionalGroup(s, path, parent, k);
        if (!path.length) return k === 'union' ? this.union(s, path, parent) : this.properties(s, path, parent);
        const box = this.group(s, path, parent, this.title(s, key));
        return k === 'union' ? this.union(s, path, box) : this.properties(s, path, box);
      }
      if (k === 'list') return this.list(s, path, parent);
      if (k === 'any') {
        if (this.options.anyField) this.options.anyField(this, s, path, parent, required && !nullable);
        return null;
      }
      return this.field(k, s, path, parent, required && !nullable, this.title(s, key));
    }

    group(s, path, parent, legend) {
      const name = path.join('.');
      const box = el('fieldset', { class: 'nhom-o', 'data-group': name }, el('legend', { text: legend }));
      if (s.description && s.title) box.append(el('p', { class: 'goi-y', text: s.description }));
      box.append(el('p', { class: 'loi', id: 'o.' + name + '.loi' }));
      parent.append(box);
      return box;
    }

    properties(s, path, box, skip) {
      const required = new Set(s.required || []);
      for (const k of this.order(s, path)) {
        if (k === skip) continue;
        this.node(s.properties[k], path.concat([k]), box, required.has(k));
      }
    }

    /** A part that may be left out: a box to tick, the inputs when ticked. */
    optionalGroup(s, path, parent, k) {
      const name = path.join('.');
      const id = 'o.' + name;
      const title = this.title(s, path[path.length - 1]);
      const box = el('fieldset', { class: 'nhom-o', 'data-group': name }, el('legend', { text: title }));
      const value = getAt(this.data, path);
      const on = value !== null && value !== undefined;
      const check = el('input', { type: 'checkbox', id, name, 'aria-describedby': id + '.loi' });
      check.checked = on;
      check.addEventListener('change', () => {
        setAt(this.data, path, check.checked ? {} : null);
        this.render();
        this.changed();
      });
      box.append(el('div', { class: 'truong hop-kiem' }, check, el('label', { for: id, text: 'Có phần này' })));
      if (s.description && s.title) box.append(el('p', { class: 'goi-y', text: s.description }));
      box.append(el('p', { class: 'loi', id: id + '.loi' }));
      parent.append(box);
      if (on) {
        if (k === 'union') this.union(s, path, box);
        else this.properties(s, path, box);
      }
    }

    union(s, path, box) {
      const alts = this.alternatives(s);
      const tag = this.tagOf(alts);
      const value = getAt(this.data, path) || {};
      const current = this.activeAlt(alts, value);
      const name = path.concat([tag || 'loai-mau']).join('.');
      const id = 'o.' + name;
      const select = el('select', { id, 'aria-describedby': id + '.loi' });
      if (tag) select.name = name;
      // A tag's options carry the case value itself; alternatives without
      // a tag are told apart by their position.
      const optionValue = (a, i) => (tag ? String(this.resolve(a.properties[tag]).const) : String(i));
      alts.forEach((a, i) => {
        const label = a.title && a.title !== 'Case' ? a.title
          : tag ? humanize(this.resolve(a.properties[tag]).const)
            : (a.description || 'Loại ' + (i + 1)).split('\n')[0];
        const option = el('option', { value: optionValue(a, i), text: label });
        if (i === current) option.selected = true;
        select.append(option);
      });
      if (tag) {
        const v = this.resolve(alts[current].properties[tag]).const;
        if (value[tag] !== v) setAt(this.data, path.concat([tag]), v);
      }
      select.addEventListener('change', () => {
        const index = alts.findIndex((a, i) => optionValue(a, i) === select.value);
        const alt = alts[index];
        if (tag) setAt(this.data, path.concat([tag]), this.resolve(alt.properties[tag]).const);
        else this.chosen = index;
        this.render();
        this.changed();
      });
      if (!tag && this.chosen !== undefined && this.chosen !== current) {
        select.value = String(this.chosen);
      }
      const which = tag ? current : alts.findIndex((a, i) => optionValue(a, i) === select.value);
      const tagTitle = tag && this.resolve(alts[0].properties[tag]).title;
      const labelText = tagTitle || 'Loại văn bản';
      const hint = alts[which] && alts[which].title && alts[which].description;
      if (hint) select.setAttribute('aria-describedby', id + '.goi-y ' + id + '.loi');
      box.append(el('div', { class: 'truong', 'data-field': name, 'data-label': labelText },
        el('label', { for: id, text: labelText }),
        hint ? el('p', { class: 'goi-y', id: id + '.goi-y', text: hint }) : null,
        select,
        el('p', { class: 'loi', id: id + '.loi' })));
      this.properties(alts[which], path, box, tag);
    }

    list(s, path, parent) {
      const name = path.join('.');
      const id = 'o.' + name;
      const title = this.title(s, path[path.length - 1]);
      const items = this.unwrap(s.items || {}).s;
      const itemKind = this.kind(items);
      let value = getAt(this.data, path);
      if (!Array.isArray(value)) value = [];
      const box = el('fieldset', { class: 'danh-sach', 'data-list': name }, el('legend', { text: title }));
      if (s.description && s.title) box.append(el('p', { class: 'goi-y', text: s.description }));
      const ol = el('ol', { class: 'cac-muc' });
      value.forEach((_, i) => {
        const li = el('li', { class: 'muc' });
        const label = title + ' ' + (i + 1);
        if (itemKind === 'object' || itemKind === 'union') {
          const inner = el('fieldset', { class: 'nhom-o' }, el('legend', { text: label }),
            el('p', { class: 'loi', id: 'o.' + name + '.' + i + '.loi' }));
          if (itemKind === 'union') this.union(items, path.concat([i]), inner);
          else this.properties(items, path.concat([i]), inner);
          li.append(inner);
        } else {
          this.field(itemKind, items, path.concat([i]), li, false, label);
        }
        const at = name + '.' + i;
        li.append(el('div', { class: 'hang-nut nut-muc' },
          el('button', { type: 'button', 'data-action': 'move-up', 'data-list': name, 'data-index': i, id: 'o.' + at + '.len', 'aria-label': 'Đưa ' + label + ' lên trên', disabled: i === 0, text: 'Lên' }),
          el('button', { type: 'button', 'data-action': 'move-down', 'data-list': name, 'data-index': i, id: 'o.' + at + '.xuong', 'aria-label': 'Đưa ' + label + ' xuống dưới', disabled: i === value.length - 1, text: 'Xuống' }),
          el('button', { type: 'button', 'data-action': 'remove', 'data-list': name, 'data-index': i, id: 'o.' + at + '.xoa', 'aria-label': 'Xóa ' + label, text: 'Xóa' })));
        ol.append(li);
      });
      box.append(ol);
      if (!value.length) box.append(el('p', { class: 'trong', text: 'Chưa có mục nào.' }));
      box.append(el('p', { class: 'loi', id: id + '.loi' }));
      box.append(el('button', { type: 'button', class: 'nut-them', 'data-action': 'add', 'data-list': name, id: id + '.them', 'aria-describedby': id + '.loi', text: 'Thêm: ' + title }));
      parent.append(box);
    }

    field(k, s, path, parent, required, label) {
      const name = path.join('.');
      const id = 'o.' + name;
      const describedBy = [];
      const wrap = el('div', { class: 'truong', 'data-field': name, 'data-label': label });
      const labelEl = el('label', { for: id, text: label });
      if (required) labelEl.append(el('span', { class: 'bat-buoc', 'aria-hidden': 'true', text: ' *' }), el('span', { class: 'an', text: ' (bắt buộc)' }));
      // Descriptions are shown once the schema gives a Vietnamese title with them.
      let hint = s.description && s.title ? s.description : null;
      if (k === 'date') hint = hint ? hint + ' (ngày/tháng/năm)' : 'Ngày/tháng/năm, ví dụ 05/01/2026.';
      const value = getAt(this.data, path);
      let input;
      if (k === 'choice') {
        input = el('select', {});
        input.append(el('option', { value: '', text: '— Chọn —' }));
        for (const c of this.choices(s)) {
          const o = el('option', { value: String(c.value), text: c.label });
          if (value === c.value) o.selected = true;
          input.append(o);
        }
      } else if (k === 'text') {
        input = el('textarea', { rows: 3 });
        input.value = value === undefined || value === null ? '' : String(value);
      } else if (k === 'bool') {
        input = el('input', { type: 'checkbox' });
        input.checked = value === true;
      } else {
        input = el('input', { type: 'text', autocomplete: 'off' });
        if (k === 'date') { input.setAttribute('inputmode', 'numeric'); input.placeholder = 'ngày/tháng/năm'; input.dataset.date = ''; input.value = isoToShown(value); }
        else if (k === 'int' || k === 'number') { input.setAttribute('inputmode', 'numeric'); input.className = 'so'; input.value = value === undefined || value === null ? '' : String(value); }
        else input.value = value === undefined || value === null ? '' : String(value);
      }
      input.id = id;
      input.name = name;
      if (required) input.setAttribute('aria-required', 'true');
      if (hint) describedBy.push(id + '.goi-y');
      describedBy.push(id + '.loi');
      input.setAttribute('aria-describedby', describedBy.join(' '));
      const update = () => {
        let v;
        if (k === 'bool') v = input.checked;
        else if (k === 'choice') {
          const c = this.choices(s).find((x) => String(x.value) === input.value);
          v = c ? c.value : undefined;
        } else {
          const t = input.value;
          if (t.trim() === '') v = undefined;
          else if (k === 'date') v = shownToIso(t);
          else if (k === 'int') v = /^\s*-?\d+\s*$/.test(t) ? Number(t) : t;
          else if (k === 'number') v = /^\s*-?\d+([.,]\d+)?\s*$/.test(t) ? Number(t.replace(',', '.')) : t;
          else v = t;
        }
        if (typeof path[path.length - 1] === 'number' && v === undefined) v = '';
        setAt(this.data, path, v);
        this.changed();
      };
      input.addEventListener(k === 'bool' || k === 'choice' ? 'change' : 'input', update);
      if (k === 'bool') {
        wrap.classList.add('hop-kiem');
        wrap.append(input, labelEl);
      } else {
        wrap.append(labelEl);
        if (hint) wrap.append(el('p', { class: 'goi-y', id: id + '.goi-y', text: hint }));
        wrap.append(input);
      }
      if (k === 'bool' && hint) wrap.append(el('p', { class: 'goi-y', id: id + '.goi-y', text: hint }));
      wrap.append(el('p', { class: 'loi', id: id + '.loi' }));
      parent.append(wrap);
      return input;
    }

    onClick(e) {
      const b = e.target.closest('button[data-list]');
      if (!b) return;
      const listPath = b.dataset.list.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      let value = getAt(this.data, listPath);
      if (!Array.isArray(value)) { value = []; setAt(this.data, listPath, value); }
      const i = Number(b.dataset.index);
      let focus = null;
      const name = b.dataset.list;
      switch (b.dataset.action) {
        case 'add': {
          const s = this.schemaAt(listPath);
          const items = s ? this.unwrap(this.unwrap(s).s.items || {}).s : {};
          const k = this.kind(items);
          value.push(k === 'object' || k === 'union' ? {} : k === 'list' ? [] : '');
          focus = () => {
            const li = this.form.querySelectorAll('[data-list="' + name + '"] > ol > li');
            const last = li[li.length - 1];
            const first = last && last.querySelector('input, select, textarea');
            if (first) first.focus();
          };
          break;
        }
        case 'remove':
          value.splice(i, 1);
          focus = () => {
            const next = document.getElementById('o.' + name + '.' + Math.min(i, value.length - 1) + '.xoa');
            (next || document.getElementById('o.' + name + '.them')).focus();
          };
          break;
        case 'move-up':
        case 'move-down': {
          const j = b.dataset.action === 'move-up' ? i - 1 : i + 1;
          if (j < 0 || j >= value.length) return;
          [value[i], value[j]] = [value[j], value[i]];
          const suffix = b.dataset.action === 'move-up' ? '.len' : '.xuong';
          focus = () => {
            const again = document.getElementById('o.' + name + '.' + j + suffix);
            (again && !again.disabled ? again : document.getElementById('o.' + name + '.' + j + '.xoa')).focus();
          };
          break;
        }
        default:
          return;
      }
      this.render();
      if (focus) focus();
      this.changed();
    }

    /** The schema of the value at a path (through lists and the active alternative). */
    schemaAt(path) {
      let s = this.schema;
      let value = this.data;
      for (const k of path) {
        let { s: inner } = this.unwrap(s);
        const alts = this.alternatives(inner);
        if (alts) inner = alts[this.tagOf(alts) ? this.activeAlt(alts, value) : (this.chosen !== undefined ? this.chosen : this.activeAlt(alts, value))];
        if (typeof k === 'number') s = inner.items || {};
        else s = (inner.properties || {})[k] || {};
        value = value && value[k];
      }
      return s;
    }

    changed() {
      if (this.options.onChange) this.options.onChange();
    }

    // ---- reading the case back ----

    collect() {
      return this.collectNode(this.schema, this.data, []);
    }

    collectNode(s0, v, path) {
      const { s, nullable } = this.unwrap(s0);
      const k = this.kind(s);
      if (v === undefined || v === null || v === '') {
        if (k === 'list') return v === null && nullable ? null : [];
        if (nullable) return null;
        return path.length && typeof path[path.length - 1] === 'number' ? (k === 'object' ? {} : '') : undefined;
      }
      switch (k) {
        case 'object': {
          if (typeof v !== 'object' || Array.isArray(v)) return undefined;
          const out = {};
          for (const key of this.order(s, path)) {
            const c = this.collectNode(s.properties[key], v[key], path.concat([key]));
            if (c !== undefined) out[key] = c;
          }
          return out;
        }
        case 'union': {
          const alts = this.alternatives(s);
          const tag = this.tagOf(alts);
          const i = tag || this.chosen === undefined || path.length ? this.activeAlt(alts, v) : this.chosen;
          return this.collectNode(alts[i], v, path);
        }
        case 'list': {
          if (!Array.isArray(v)) return [];
          return v.map((item, i) => {
            const c = this.collectNode(s.items || {}, item, path.concat([i]));
            return c === undefined ? null : c;
          });
        }
        case 'bool':
          return v === true;
        case 'date':
          // A day that does not exist stays in the input (and the draft),
          // reported by the page; the service gets the rest of the case.
          if (!isDay(v)) return nullable ? null : (path.length && typeof path[path.length - 1] === 'number' ? '' : undefined);
          return v;
        case 'any':
          return this.options.collectAny ? this.options.collectAny(path, v) : v;
        default:
          if (typeof v === 'object') return undefined;
          return v;
      }
    }

    /** Dotted paths of a value's parts this form does not have: none for
     * a case saved from this form, some for another form's or any other
     * file. A list where a single value is expected, or a group where a
     * single value is expected, counts as not this form's. */
    unknownParts(value) {
      const out = [];
      this.unknownAt(this.schema, value, [], out);
      return out;
    }

    unknownAt(s0, v, path, out) {
      const { s } = this.unwrap(s0);
      const k = this.kind(s);
      if (v === null || typeof v !== 'object' || k === 'any') return;
      if (Array.isArray(v)) {
        if (k !== 'list') out.push(path.join('.'));
        else v.forEach((item, i) => this.unknownAt(s.items || {}, item, path.concat([i]), out));
        return;
      }
      if (k === 'union') {
        const alts = this.alternatives(s);
        if (this.tagOf(alts)) { this.unknownAt(alts[this.activeAlt(alts, v)], v, path, out); return; }
        const each = alts.map((a) => { const o = []; this.unknownAt(a, v, path, o); return o; });
        out.push(...each.reduce((a, b) => (b.length < a.length ? b : a)));
        return;
      }
      if (k !== 'object') { out.push(path.join('.')); return; }
      const props = s.properties || {};
      for (const [key, item] of Object.entries(v)) {
        if (!(key in props)) out.push(path.concat([key]).join('.'));
        else this.unknownAt(props[key], item, path.concat([key]), out);
      }
    }

    /** Keeps of a case only what this form's schema knows (the next document's carry-over). */
    project(value) {
      return this.collectNode(this.schema, value, []) || {};
    }

    setData(value) {
      this.data = value && typeof value === 'object' ? clone(value) : {};
      this.chosen = undefined;
      this.render();
    }

    /** Puts a value into the case and its input (a converted legacy text). */
    put(field, value) {
      const path = field.replace(/\[(\d+)\]/g, '.$1').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      setAt(this.data, path, value);
      const input = document.getElementById('o.' + path.join('.'));
      if (input) input.value = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? isoToShown(value) : value;
      return input ? (input.closest('[data-label]') || {}).dataset : null;
    }

    // ---- errors where they are ----

    clearErrors() {
      for (const e of this.form.querySelectorAll('.loi')) e.textContent = '';
      for (const e of this.form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
      this.errorsShown = [];
    }

    /**
     * Shows each {field, message} at its input; returns [{message, label, target}].
     * `quiet`: while the clerk is still typing, an input left empty is not yet
     * a mistake, so its message waits for the download.
     */
    showErrors(errors, quiet) {
      this.clearErrors();
      const shown = [];
      // The page's own date messages first; the service's at those inputs
      // (it was not sent the date) are not about what the clerk typed.
      const local = this.localProblems();
      const mine = new Set(local.map((e) => e.field));
      errors = local.concat((errors || []).filter((e) => !mine.has(String(e.field || '').replace(/\[(\d+)\]/g, '.$1'))));
      for (const err of errors) {
        if (quiet && this.isEmptyInput(err.field)) continue;
        const name = String(err.field || '').replace(/\[(\d+)\]/g, '.$1');
        let parts = name ? name.split('.') : [];
        let place = null;
        while (parts.length) {
          place = document.getElementById('o.' + parts.join('.') + '.loi');
          if (place) break;
          parts = parts.slice(0, -1);
        }
        let target = null;
        let label = '';
        if (place) {
          const n = parts.join('.');
          place.textContent = place.textContent ? place.textContent + ' ' + err.message : err.message;
          target = document.getElementById('o.' + n) || document.getElementById('o.' + n + '.them')
            || (place.closest('fieldset') && place.closest('fieldset').querySelector('input, select, textarea'));
          if (target) target.setAttribute('aria-invalid', 'true');
          const wrap = place.closest('[data-label]');
          const legend = place.closest('fieldset') && place.closest('fieldset').querySelector('legend');
          label = wrap ? wrap.dataset.label : legend ? legend.textContent : '';
          // Which row of a list: "Đảng viên 2 › Số phiếu phát ra".
          const rows = [];
          for (let li = place.closest('li.muc'); li; li = li.parentElement.closest('li.muc')) {
            const l = li.querySelector(':scope > fieldset > legend');
            if (l && l.textContent !== label) rows.unshift(l.textContent);
          }
          if (rows.length) label = rows.join(' › ') + ' › ' + label;
        }
        shown.push({ message: err.message, label, target });
      }
      this.errorsShown = shown;
      return shown;
    }
  }

  /** Dates typed that are not a real day: [{field, message}]. */
  Builder.prototype.localProblems = function () {
    const out = [];
    for (const input of this.form.querySelectorAll('input[data-date]')) {
      const message = dateProblem(input.value);
      if (message) out.push({ field: input.name, message });
    }
    return out;
  };

  Builder.prototype.isEmptyInput = function (field) {
    const name = String(field || '').replace(/\[(\d+)\]/g, '.$1');
    const input = document.getElementById('o.' + name);
    if (input && 'value' in input && input.type !== 'checkbox') return input.value.trim() === '';
    // A missing part or list, not an input: empty when nothing was entered under it.
    const value = getAt(this.data, name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
    return value === undefined || value === null || (Array.isArray(value) && !value.length);
  };

  /** The summary at the top: one link per problem, to its input. */
  function summary(box, shown, focus) {
    box.replaceChildren();
    if (!shown.length) { box.hidden = true; return; }
    box.append(el('h2', { text: shown.length === 1 ? 'Còn 1 chỗ cần sửa' : 'Còn ' + shown.length + ' chỗ cần sửa' }));
    const ul = el('ul');
    for (const s of shown) {
      const text = (s.label ? s.label + ': ' : '') + s.message;
      if (s.target) {
        const a = el('a', { href: '#' + s.target.id, text });
        a.addEventListener('click', (e) => { e.preventDefault(); s.target.focus(); });
        ul.append(el('li', {}, a));
      } else ul.append(el('li', { text }));
    }
    box.append(ul);
    box.hidden = false;
    if (focus) box.focus();
  }

  return { Builder, summary, el, clone, humanize, dateProblem, shownToIso, isoToShown };
})();
