extension ReportPage {
    /// The page's styles: system fonts, a light theme, print-friendly.
    static let style = """
        :root { --ink: #1d2433; --muted: #5b6475; --line: #dde1e8; --panel: #ffffff; --back: #f4f6f9;
          --findings: #d9480f; --clean: #2b8a3e; --unread: #e8a100; --skipped: #868e96; --failed: #c92a2a;
          --unknown: #b8bfc9; --bar: #3b5bdb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
          background: var(--back); }
        header { padding: 20px 28px 8px; }
        h1 { font-size: 20px; margin: 0 0 4px; font-weight: 600; }
        h2 { font-size: 15px; margin: 0 0 10px; font-weight: 600; }
        #subtitle { color: var(--muted); margin: 0; }
        main { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; padding: 12px 28px 28px; }
        section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; min-width: 0; }
        section.wide { grid-column: 1 / -1; }
        .totals { display: flex; flex-wrap: wrap; gap: 12px 28px; margin-bottom: 14px; }
        .total strong { display: block; font-size: 22px; font-weight: 600; }
        .total span { color: var(--muted); }
        .note { color: var(--muted); font-size: 12px; margin: 8px 0 0; }
        svg { display: block; max-width: 100%; }
        svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
        svg text.value { fill: var(--muted); }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin-top: 8px; font-size: 12px; }
        .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; }
        details.folder { margin-left: 14px; }
        details.folder > summary { list-style: none; cursor: pointer; display: grid;
          grid-template-columns: minmax(120px, 1fr) 180px 170px; gap: 10px; align-items: center; padding: 2px 0; }
        details.folder > summary::-webkit-details-marker { display: none; }
        details.folder > summary::before { content: "▸"; position: absolute; margin-left: -12px; color: var(--muted); }
        details.folder[open] > summary::before { content: "▾"; }
        details.folder.leaf > summary::before { content: ""; }
        .meter { height: 10px; background: var(--back); border-radius: 3px; overflow: hidden; }
        .meter > div { height: 100%; }
        .folder-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .folder-name a { color: inherit; }
        .folder-count { color: var(--muted); font-size: 12px; text-align: right; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; color: var(--muted); font-size: 12px; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        td.path { word-break: break-all; }
        .chip { display: inline-block; padding: 0 6px; margin: 0 4px 2px 0; border-radius: 9px; background: #fff0e6;
          color: #8a2d00; font-size: 12px; }
        .filters { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 10px; }
        select { font: inherit; padding: 3px 6px; }
        ul.changes { margin: 0; padding-left: 18px; }
        .added { color: var(--findings); }
        .removed { color: var(--clean); }
        #errors { margin: 0 28px; padding: 10px 14px; border: 1px solid var(--failed); color: var(--failed);
          background: #fff5f5; border-radius: 6px; white-space: pre-wrap; }
        @media print { body { background: white; } section { break-inside: avoid; } }
        """
}
