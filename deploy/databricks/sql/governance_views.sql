-- Governance views over the dxrsync metadata table, exactly as `dxrsync views --print` writes them
-- for VOLUME_CATALOG=main VOLUME_SCHEMA=governance VOLUME_NAME=documents (the table
-- main.governance.documents_metadata and its ledger documents_metadata_runs). The bundle's `views` task
-- creates them for your table after each sync; to create them by hand, run `dxrsync views --print`
-- with your settings and run its output in the SQL editor. Databricks allows no parameter markers in
-- a view's query, so the table name is written into each view.

-- documents_metadata_files_per_label: Files and bytes per DXR label (present, classified files).
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_files_per_label` AS
SELECT l.label, count(*) AS files, sum(t.file_size) AS bytes
FROM `main`.`governance`.`documents_metadata` AS t LATERAL VIEW explode(t.labels) l AS label
WHERE t.deleted_at IS NULL AND t.status = 'CLASSIFIED'
GROUP BY l.label;

-- documents_metadata_sensitive_files: Present files with at least one DXR label.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_sensitive_files` AS
SELECT t.file_path, t.catalog_name, t.schema_name, t.volume_name, t.labels, t.categories, t.annotators, t.file_size, t.collected_at
FROM `main`.`governance`.`documents_metadata` AS t
WHERE t.deleted_at IS NULL AND t.status = 'CLASSIFIED' AND size(t.labels) > 0;

-- documents_metadata_coverage: Per volume: files classified, skipped, failed (or not yet classified) and deleted.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_coverage` AS
SELECT t.catalog_name, t.schema_name, t.volume_name,
  count_if(t.deleted_at IS NULL AND t.status = 'CLASSIFIED') AS classified,
  count_if(t.deleted_at IS NULL AND t.status = 'SKIPPED') AS skipped,
  count_if(t.deleted_at IS NULL AND (t.status = 'FAILED' OR t.status IS NULL)) AS failed,
  count_if(t.deleted_at IS NOT NULL) AS deleted,
  count(*) AS total
FROM `main`.`governance`.`documents_metadata` AS t
GROUP BY t.catalog_name, t.schema_name, t.volume_name;

-- documents_metadata_latest_runs: The 50 latest runs of the ledger, newest first.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_latest_runs` AS
SELECT r.run_id, r.started_at, r.finished_at, r.scope, r.status, r.listed, r.new, r.changed, r.unchanged, r.gone, r.submitted, r.classified, r.skipped, r.failed, r.bytes_uploaded, r.exit_code, r.error
FROM `main`.`governance`.`documents_metadata_runs` AS r
ORDER BY r.started_at DESC
LIMIT 50;
