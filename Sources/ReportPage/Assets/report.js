// The script of `dxrsync report --html` (ReportPage embeds it in the page): reads the embedded
// report, draws every chart as SVG with DOM calls (data only ever goes in as text, never as
// markup), and records any error on the page itself (`#errors`), so a test reading the DOM sees it.
// `data-*` attributes carry the figures each chart was drawn from.
"use strict";
(function () {
  const errors = [];
  function recordError(message) {
    errors.push(String(message));
    const box = document.getElementById("errors");
    box.hidden = false;
    box.textContent = "The page could not draw everything:\n" + errors.join("\n");
    document.body.dataset.errors = String(errors.length);
  }
  window.addEventListener("error", (event) => recordError(event.message));

  const SVG = "http://www.w3.org/2000/svg";
  // The colour of each coverage class; the classes, their order and their wording come with the
  // report (coverage_classes), so the page never keeps a list of its own.
  const COVERAGE_COLOURS = {
    CLASSIFIED_WITH_FINDINGS: "var(--findings)",
    CLASSIFIED_NO_FINDINGS: "var(--clean)",
    TEXT_NOT_EXTRACTED: "var(--unread)",
    SKIPPED: "var(--skipped)",
    FAILED: "var(--failed)",
    NOT_EVALUATED: "var(--unknown)",
  };

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svgElement(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function bytes(count) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let value = Number(count) || 0, unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
    return (unit === 0 ? String(value) : value.toFixed(1)) + " " + units[unit];
  }
  function number(count) { return (Number(count) || 0).toLocaleString("en-US"); }
  function files(count) { return number(count) + (Number(count) === 1 ? " file" : " files"); }
  function percent(part, whole) { return whole > 0 ? (100 * part / whole).toFixed(1) + "%" : "0.0%"; }
  function section(title, options) {
    const node = element("section", { id: options.id, class: options.wide ? "wide" : "" });
    node.appendChild(element("h2", {}, title));
    document.getElementById("page").appendChild(node);
    return node;
  }
  function note(parent, text) { parent.appendChild(element("p", { class: "note" }, text)); }

  /// Horizontal bars, one per key, longest first; `data-key`, `data-files`, `data-bytes` on each.
  function barChart(parent, name, tallies, empty) {
    const entries = Object.entries(tallies || {}).sort((a, b) => b[1].files - a[1].files || a[0].localeCompare(b[0]));
    const figure = element("figure", { class: "chart", "data-chart": name, "data-bars": String(entries.length) });
    figure.style.margin = "0";
    if (entries.length === 0) { note(figure, empty); parent.appendChild(figure); return; }
    const width = 560, row = 24, labelWidth = 170, valueWidth = 130;
    const most = Math.max(...entries.map(([, tally]) => tally.files), 1);
    const svg = svgElement("svg", { viewBox: `0 0 ${width} ${entries.length * row}`, width: String(width),
      role: "img", "aria-label": name });
    entries.forEach(([key, tally], index) => {
      const y = index * row;
      const group = svgElement("g", { class: "bar", "data-key": key, "data-files": String(tally.files),
        "data-bytes": String(tally.bytes) });
      const label = svgElement("text", { x: String(labelWidth - 8), y: String(y + 16), "text-anchor": "end" },
        key.length > 24 ? key.slice(0, 23) + "…" : key);
      group.appendChild(label);
      const length = Math.max(2, (width - labelWidth - valueWidth) * tally.files / most);
      group.appendChild(svgElement("rect", { x: String(labelWidth), y: String(y + 4), width: String(length),
        height: String(row - 8), rx: "2", fill: "var(--bar)" }));
      group.appendChild(svgElement("text", { class: "value", x: String(labelWidth + length + 6), y: String(y + 16) },
        `${files(tally.files)}, ${bytes(tally.bytes)}`));
      group.appendChild(svgElement("title", {}, `${key}: ${files(tally.files)}, ${bytes(tally.bytes)}`));
      svg.appendChild(group);
    });
    figure.appendChild(svg);
    parent.appendChild(figure);
  }

  /// Two stacked bars (files, bytes) over the coverage classes (`classes`: the report's
  /// coverage_classes, in reading order), with a legend in percent.
  function coverageChart(parent, classes, coverage, fileCount, totalBytes) {
    const figure = element("figure", { class: "chart", "data-chart": "coverage" });
    figure.style.margin = "0";
    const width = 560, barHeight = 22;
    const svg = svgElement("svg", { viewBox: `0 0 ${width} 70`, width: String(width), role: "img",
      "aria-label": "coverage" });
    [["files", fileCount, 0], ["bytes", totalBytes, 36]].forEach(([measure, whole, y]) => {
      svg.appendChild(svgElement("text", { x: "0", y: String(y + 15) }, measure));
      let x = 50;
      for (const { key } of classes) {
        const tally = coverage[key];
        if (!tally || whole <= 0) continue;
        const part = measure === "files" ? tally.files : tally.bytes;
        const length = (width - 50) * part / whole;
        svg.appendChild(svgElement("rect", { class: "segment", "data-key": key, "data-measure": measure,
          "data-value": String(part), x: String(x), y: String(y), width: String(length), height: String(barHeight),
          fill: COVERAGE_COLOURS[key] || "var(--unknown)" }));
        x += length;
      }
    });
    figure.appendChild(svg);
    const legend = element("div", { class: "legend" });
    for (const { key, title } of classes) {
      const tally = coverage[key];
      if (!tally) continue;
      const item = element("span", { class: "legend-item", "data-key": key, "data-files": String(tally.files),
        "data-bytes": String(tally.bytes) });
      const swatch = element("i");
      swatch.style.background = COVERAGE_COLOURS[key] || "var(--unknown)";
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(
        `${title}: ${files(tally.files)} (${percent(tally.files, fileCount)}), ${bytes(tally.bytes)} (${percent(tally.bytes, totalBytes)})`));
      legend.appendChild(item);
    }
    figure.appendChild(legend);
    parent.appendChild(figure);
  }

  /// The folders as a tree that opens by folder: a bar sized by files, coloured by the share
  /// of files with findings; a click on a name filters the table of findings.
  function folderTree(parent, folders, onPick) {
    const byPath = new Map(folders.map((folder) => [folder.path, folder]));
    const root = byPath.get("") || { path: "", files: 0, with_findings: 0 };
    const children = new Map();
    for (const folder of folders) {
      if (folder.path === "") continue;
      const cut = folder.path.lastIndexOf("/");
      const parentPath = cut < 0 ? "" : folder.path.slice(0, cut);
      if (!children.has(parentPath)) children.set(parentPath, []);
      children.get(parentPath).push(folder);
    }
    function node(folder, depth) {
      const kids = (children.get(folder.path) || []).sort((a, b) => b.files - a.files || a.path.localeCompare(b.path));
      const details = element("details", { class: "folder" + (kids.length ? "" : " leaf"),
        "data-folder": folder.path, "data-files": String(folder.files),
        "data-with-findings": String(folder.with_findings) });
      if (depth < 1) details.open = true;
      const summary = element("summary");
      const name = element("span", { class: "folder-name" });
      const link = element("a", { href: "#findings" }, folder.path === "" ? "(the whole scope)" : folder.path.split("/").pop());
      link.addEventListener("click", () => onPick(folder.path));
      name.appendChild(link);
      summary.appendChild(name);
      summary.appendChild(findingsMeter(folder, root.files));
      summary.appendChild(element("span", { class: "folder-count" },
        `${number(folder.with_findings)} of ${files(folder.files)} with findings`));
      details.appendChild(summary);
      for (const kid of kids) details.appendChild(node(kid, depth + 1));
      return details;
    }
    const tree = element("div", { class: "tree", "data-chart": "folders" });
    tree.appendChild(node(root, 0));
    parent.appendChild(tree);
  }

  /// The share of `folder`'s files with findings as the folder tree shows it: a bar sized by its
  /// files against `whole` files, coloured from green (none) to red (all).
  function findingsMeter(folder, whole) {
    const share = folder.files > 0 ? folder.with_findings / folder.files : 0;
    const meter = element("div", { class: "meter", title: `${percent(folder.with_findings, folder.files)} of the files have findings` });
    const fill = element("div");
    fill.style.width = (whole > 0 ? Math.max(1, 100 * folder.files / whole) : 0) + "%";
    fill.style.background = `hsl(${Math.round(130 - 130 * share)}, 62%, 46%)`;
    meter.appendChild(fill);
    return meter;
  }

  /// The volumes of a table that holds several (a DXRSYNC_SCOPE run), one row each and a total.
  /// Volumes with findings come first (most first), then those DXR did not fully evaluate (failed
  /// and skipped files, most first), then the rest, in path order among equals: a reader looks
  /// for where the sensitive files are and where the inventory cannot be trusted yet before
  /// what is clean. A click on a volume filters the table of findings to it.
  function volumesTable(parent, volumes, scope, onPick) {
    const unevaluated = (volume) => volume.failed + volume.skipped;
    const ordered = volumes.slice().sort((a, b) => b.with_findings - a.with_findings ||
      unevaluated(b) - unevaluated(a) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const total = { path: "", files: 0, bytes: 0, classified: 0, with_findings: 0, skipped: 0, failed: 0 };
    for (const volume of volumes) {
      for (const key of ["files", "bytes", "classified", "with_findings", "skipped", "failed"]) total[key] += volume[key];
    }
    const table = element("table", { class: "volumes", "data-chart": "volumes", "data-volumes": String(volumes.length) });
    const head = element("tr");
    for (const title of ["volume", "files", "classified", "with findings", "skipped", "failed", "size", "share with findings"]) {
      head.appendChild(element("th", { class: title === "volume" || title.startsWith("share") ? "" : "number" }, title));
    }
    table.appendChild(head);
    function row(volume, kind) {
      const line = element("tr", { class: kind, "data-volume": volume.path, "data-files": String(volume.files),
        "data-bytes": String(volume.bytes), "data-classified": String(volume.classified),
        "data-with-findings": String(volume.with_findings), "data-skipped": String(volume.skipped),
        "data-failed": String(volume.failed) });
      const name = element("td", { class: "path" });
      const inside = volume.path.startsWith(scope + "/") ? volume.path.slice(scope.length + 1) : "";
      if (kind === "volume" && inside) {
        const link = element("a", { href: "#findings" }, volume.path);
        link.addEventListener("click", () => onPick(inside));
        name.appendChild(link);
      } else {
        name.textContent = kind === "volume" ? volume.path : `All ${number(volumes.length)} volumes`;
      }
      line.appendChild(name);
      line.appendChild(element("td", { class: "number" }, number(volume.files)));
      line.appendChild(element("td", { class: "number" }, `${number(volume.classified)} (${percent(volume.classified, volume.files)})`));
      for (const [key, style] of [["with_findings", "findings"], ["skipped", "skipped"], ["failed", "failed"]]) {
        line.appendChild(element("td", { class: "number" + (volume[key] > 0 ? " " + style : "") }, number(volume[key])));
      }
      line.appendChild(element("td", { class: "number" }, bytes(volume.bytes)));
      const share = element("td");
      share.appendChild(findingsMeter(volume, total.files));
      line.appendChild(share);
      table.appendChild(line);
    }
    for (const volume of ordered) row(volume, "volume");
    row(total, "volume-total");
    parent.appendChild(table);
  }

  /// The ledger's runs, oldest first: classified and failed files per run as columns.
  function runsChart(parent, runs) {
    const ordered = runs.slice().reverse();
    const figure = element("figure", { class: "chart", "data-chart": "runs", "data-runs": String(ordered.length) });
    figure.style.margin = "0";
    if (ordered.length === 0) { note(figure, "No run in the ledger yet."); parent.appendChild(figure); return; }
    const width = 560, height = 140, slot = Math.min(60, (width - 40) / ordered.length);
    const most = Math.max(...ordered.map((run) => run.counts.classified + run.counts.failed + run.counts.skipped), 1);
    const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height + 20}`, width: String(width), role: "img",
      "aria-label": "runs" });
    ordered.forEach((run, index) => {
      const x = 30 + index * slot;
      const group = svgElement("g", { class: "run", "data-run-id": run.run_id, "data-status": run.status,
        "data-classified": String(run.counts.classified), "data-failed": String(run.counts.failed),
        "data-skipped": String(run.counts.skipped) });
      let top = height;
      for (const [count, colour] of [[run.counts.classified, "var(--clean)"], [run.counts.skipped, "var(--skipped)"],
                                     [run.counts.failed, "var(--failed)"]]) {
        const length = (height - 10) * count / most;
        top -= length;
        group.appendChild(svgElement("rect", { x: String(x), y: String(top), width: String(slot * 0.7),
          height: String(length), fill: colour }));
      }
      group.appendChild(svgElement("title", {},
        `${run.started_at} ${run.status}: classified ${run.counts.classified}, skipped ${run.counts.skipped}, failed ${run.counts.failed}`));
      svg.appendChild(group);
    });
    svg.appendChild(svgElement("line", { x1: "25", x2: String(width), y1: String(height), y2: String(height),
      stroke: "var(--line)" }));
    figure.appendChild(svg);
    const legend = element("div", { class: "legend" });
    for (const [title, colour] of [["classified", "var(--clean)"], ["skipped", "var(--skipped)"], ["failed", "var(--failed)"]]) {
      const item = element("span");
      const swatch = element("i");
      swatch.style.background = colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(title));
      legend.appendChild(item);
    }
    figure.appendChild(legend);
    parent.appendChild(figure);

    const table = element("table", { class: "runs" });
    const head = element("tr");
    for (const title of ["started", "status", "listed", "uploaded", "classified", "failed", "duration"]) {
      head.appendChild(element("th", { class: title === "started" || title === "status" ? "" : "number" }, title));
    }
    table.appendChild(head);
    for (const run of runs) {
      const seconds = run.finished_at ? (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000 : null;
      const row = element("tr", { "data-run-id": run.run_id });
      row.appendChild(element("td", {}, run.started_at.replace("T", " ").replace(/\.\d+Z$/, "Z")));
      row.appendChild(element("td", {}, run.status + (run.error ? ` (${run.error})` : "")));
      for (const value of [run.counts.listed, run.counts.submitted, run.counts.classified, run.counts.failed]) {
        row.appendChild(element("td", { class: "number" }, number(value)));
      }
      row.appendChild(element("td", { class: "number" }, seconds === null ? "running" : seconds.toFixed(1) + " s"));
      table.appendChild(row);
    }
    parent.appendChild(table);
  }

  function changesList(parent, changes) {
    if (!changes) { note(parent, "No label history asked for."); return; }
    parent.appendChild(element("p", {}, `Since ${changes.since.replace("T", " ").replace(/\.\d+Z$/, "Z")}:`));
    const list = element("ul", { class: "changes", "data-chart": "changes" });
    for (const [label, count] of Object.entries(changes.added).sort()) {
      const more = changes.added_files[label];
      list.appendChild(element("li", { class: "added", "data-key": label, "data-change": "ADDED",
        "data-files": String(count) },
        `+ ${label} on ${files(count)}` + (more && more.files.length ? `: ${more.files.join(", ")}` +
          (more.more > 0 ? ` and ${number(more.more)} more` : "") : "")));
    }
    for (const [label, count] of Object.entries(changes.removed).sort()) {
      list.appendChild(element("li", { class: "removed", "data-key": label, "data-change": "REMOVED",
        "data-files": String(count) }, `− ${label} from ${files(count)}`));
    }
    if (!list.children.length) list.appendChild(element("li", {}, "No label was added or removed."));
    parent.appendChild(list);
  }

  /// The listed files with findings, filtered by label and folder (kept in the address as
  /// `#label=…&folder=…`, so a filtered view can be shared), with the count of the rest.
  function findingsTable(parent, findings, byLabel) {
    const labels = Object.keys(byLabel).sort();
    const filters = element("div", { class: "filters" });
    const labelPick = element("select", { id: "filter-label", "aria-label": "label" });
    labelPick.appendChild(element("option", { value: "" }, "every label"));
    for (const label of labels) labelPick.appendChild(element("option", { value: label }, label));
    const folderPick = element("select", { id: "filter-folder", "aria-label": "folder" });
    folderPick.appendChild(element("option", { value: "" }, "every folder"));
    const folders = new Set();
    for (const file of findings.files) {
      const parts = file.path.split("/").slice(0, -1);
      for (let depth = 1; depth <= parts.length; depth += 1) folders.add(parts.slice(0, depth).join("/"));
    }
    for (const folder of Array.from(folders).sort()) folderPick.appendChild(element("option", { value: folder }, folder));
    filters.appendChild(labelPick);
    filters.appendChild(folderPick);
    parent.appendChild(filters);
    const table = element("table", { id: "findings-table", "data-listed": String(findings.files.length),
      "data-total": String(findings.total) });
    const head = element("tr");
    head.appendChild(element("th", {}, "file"));
    head.appendChild(element("th", {}, "labels (reviews applied)"));
    head.appendChild(element("th", { class: "number" }, "size"));
    table.appendChild(head);
    const rows = findings.files.map((file) => {
      const row = element("tr", { class: "finding", "data-path": file.path });
      row.appendChild(element("td", { class: "path" }, file.path));
      const cell = element("td");
      for (const label of file.labels) cell.appendChild(element("span", { class: "chip" }, label));
      row.appendChild(cell);
      row.appendChild(element("td", { class: "number" }, bytes(file.bytes)));
      table.appendChild(row);
      return [row, file];
    });
    parent.appendChild(table);
    const status = element("p", { class: "note", id: "findings-status" });
    parent.appendChild(status);
    function pick(select, value) {
      if (value && !Array.from(select.options).some((option) => option.value === value)) {
        select.appendChild(element("option", { value: value }, value));
      }
      select.value = value || "";
    }
    const asked = new URLSearchParams(window.location.hash.slice(1));
    pick(labelPick, asked.get("label"));
    pick(folderPick, asked.get("folder"));
    function apply() {
      const label = labelPick.value, folder = folderPick.value;
      const address = new URLSearchParams();
      if (label) address.set("label", label);
      if (folder) address.set("folder", folder);
      const hash = address.toString();
      if (hash !== window.location.hash.slice(1)) {
        try {
          history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
        } catch (refused) {
          // Some browsers refuse to change the address of a file:// page; the filter still applies.
        }
      }
      let shown = 0;
      for (const [row, file] of rows) {
        const visible = (!label || file.labels.includes(label)) &&
          (!folder || file.path.startsWith(folder + "/"));
        row.hidden = !visible;
        if (visible) shown += 1;
      }
      table.dataset.shown = String(shown);
      const withLabel = label && byLabel[label] ? byLabel[label].files : 0;
      if (label && !folder) {
        status.textContent = `${files(shown)} with ${label} listed` + (withLabel > shown
          ? `; ${number(withLabel - shown)} more files with ${label} are not listed (report --html --files N lists more).`
          : `: all of them.`);
      } else if (label || folder) {
        status.textContent = `${files(shown)} of the ${number(findings.files.length)} listed match.` +
          (findings.more > 0 ? ` ${number(findings.more)} more files with findings are not listed.` : "");
      } else {
        status.textContent = findings.more > 0
          ? `${number(findings.more)} more files with findings are not listed (the page lists the first files of each label and the first files overall, in path order; report --html --files N lists more).`
          : `All ${files(findings.total)} with findings are listed.`;
      }
    }
    labelPick.addEventListener("change", apply);
    folderPick.addEventListener("change", apply);
    apply();
    return (folder) => {
      pick(folderPick, folder);
      apply();
    };
  }

  function render() {
    const payload = JSON.parse(document.getElementById("report-data").textContent);
    const report = payload.report;
    document.getElementById("subtitle").textContent =
      `${report.table} · generated ${payload.generated_at.replace("T", " ").replace(/\.\d+Z$/, "Z")}`;

    const overview = section("Overview", { id: "overview", wide: true });
    const totals = element("div", { class: "totals" });
    const findingsTotal = report.files_with_findings.total;
    for (const [value, title, key] of [
      [number(report.files), "files", "files"],
      [bytes(report.bytes), (report.volumes || []).length > 1 ? `in ${report.volumes.length} volumes` : "in the volume", "bytes"],
      [number(findingsTotal), `files with findings (${percent(findingsTotal, report.files)})`, "with-findings"],
      [number(Object.keys(report.by_label).length), "labels in use", "labels"],
      [number(report.deleted), "deleted files remembered", "deleted"]]) {
      const total = element("div", { class: "total", "data-total": key });
      total.appendChild(element("strong", {}, value));
      total.appendChild(element("span", {}, title));
      totals.appendChild(total);
    }
    overview.appendChild(totals);
    coverageChart(overview, report.coverage_classes, report.coverage, report.files, report.bytes);
    note(overview, "Coverage says how far DXR got with each file: a file DXR could not read, skipped or failed is not clean, it was not evaluated.");

    let pickFolder = () => {};
    const volumes = report.volumes || [];
    if (volumes.length > 1) {
      const byVolume = section("Volumes", { id: "volumes", wide: true });
      volumesTable(byVolume, volumes, report.scope, (folder) => pickFolder(folder));
      note(byVolume, "Volumes with findings first, then volumes with files DXR failed or skipped, then the rest. " +
        "Bars as in the folder tree: sized by files, coloured by the share with findings (reviews applied, as " +
        "everywhere on this page).");
    }

    barChart(section("Files by label", { id: "labels" }), "labels", report.by_label, "No file carries a label.");
    const reviewed = Object.entries(report.reviewed_away || {});
    if (reviewed.length) {
      note(document.getElementById("labels"), "Reviewed away (false positives, or removed in DXR): " +
        reviewed.map(([label, count]) => `${label} on ${files(count)}`).join(", ") + ".");
    }
    barChart(section("Files by detector", { id: "detectors" }), "detectors", report.by_detector, "No detector fired.");

    const folders = section("Where the sensitive files are", { id: "folders", wide: true });
    folderTree(folders, report.folders, (folder) => pickFolder(folder));
    note(folders, "Bars are sized by files and coloured by the share of files with findings (green: none, red: all). Folders are shown three levels deep; a click on a name filters the table of findings.");

    runsChart(section("Runs", { id: "runs", wide: false }), report.runs);
    changesList(section("What changed", { id: "changes" }), report.changes);

    pickFolder = findingsTable(section("Files with findings", { id: "findings", wide: true }),
      report.files_with_findings, report.by_label);
    document.body.dataset.rendered = "true";
  }

  try { render(); } catch (error) { recordError(error && error.stack ? error.stack : error); }
})();
