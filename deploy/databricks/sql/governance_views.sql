-- Governance views over the dxrsync metadata table, exactly as `dxrsync views --print` writes them
-- for VOLUME_CATALOG=main VOLUME_SCHEMA=governance VOLUME_NAME=documents (the table
-- main.governance.documents_metadata, its ledger documents_metadata_runs, its label history
-- documents_metadata_events and its reviews documents_metadata_reviews). The bundle's `views` task
-- creates them for your table after each sync; to create them by hand, run `dxrsync views --print`
-- with your settings and run its output in the SQL editor. Databricks allows no parameter markers in
-- a view's query, so the table name is written into each view.

-- documents_metadata_file_labels: One row per present file and label DXR gave it: whether it is effective (no active false-positive review of the file or its content, not removed by a person in DXR) and when it was first detected.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_file_labels` AS
WITH labelled AS (
  SELECT t.`file_path` AS file_path, t.`sha256` AS sha256, t.`file_size` AS file_size,
  t.`dxr_removed_labels` AS removed, e.value AS label
  FROM `main`.`governance`.`documents_metadata` AS t LATERAL VIEW explode(t.`labels`) e AS value WHERE t.deleted_at IS NULL
), false_positive AS (
  SELECT l.file_path, l.label, min(r.review_id) AS review_id
  FROM labelled AS l JOIN `main`.`governance`.`documents_metadata_reviews` AS r ON r.`label` = l.label AND (r.`file_path` = l.file_path OR r.`sha256` = l.sha256) AND r.`verdict` = 'FALSE_POSITIVE' AND (r.`expires_at` IS NULL OR r.`expires_at` > current_timestamp())
  GROUP BY l.file_path, l.label
), detected AS (
  SELECT h.file_path, h.item AS label, min(h.changed_at) AS first_detected_at
  FROM `main`.`governance`.`documents_metadata_events` AS h WHERE h.item_kind = 'LABEL' AND h.change = 'ADDED'
  GROUP BY h.file_path, h.item
)
SELECT l.file_path, l.label, l.file_size, d.first_detected_at,
  coalesce(array_contains(l.removed, l.label), false) AS removed_in_dxr,
  f.review_id AS false_positive_review,
  NOT coalesce(array_contains(l.removed, l.label), false) AND f.review_id IS NULL AS effective
FROM labelled AS l
LEFT JOIN false_positive AS f ON f.file_path = l.file_path AND f.label = l.label
LEFT JOIN detected AS d ON d.file_path = l.file_path AND d.label = l.label;

-- documents_metadata_files_per_label: Files and bytes per effective DXR label (reviews applied), present files.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_files_per_label` AS
SELECT fl.label, count(*) AS files, sum(fl.file_size) AS bytes, min(fl.first_detected_at) AS first_detected_at
FROM `main`.`governance`.`documents_metadata_file_labels` AS fl
WHERE fl.effective
GROUP BY fl.label;

-- documents_metadata_sensitive_files: Present files with at least one effective DXR label (reviews applied).
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_sensitive_files` AS
SELECT t.file_path, t.catalog_name, t.schema_name, t.volume_name, s.labels, t.labels AS dxr_labels,
t.categories, t.annotators, t.file_size, t.sha256, t.collected_at, s.first_detected_at
FROM `main`.`governance`.`documents_metadata` AS t
JOIN (
  SELECT fl.file_path, collect_list(fl.label) AS labels, min(fl.first_detected_at) AS first_detected_at
  FROM `main`.`governance`.`documents_metadata_file_labels` AS fl WHERE fl.effective GROUP BY fl.file_path
) AS s ON s.file_path = t.file_path
WHERE t.deleted_at IS NULL;

-- documents_metadata_coverage: Per volume and coverage class (with findings, without, text not extracted, skipped, failed): files and bytes, and their share of the volume's present files. Not evaluated never reads as clean.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_coverage` AS
SELECT c.catalog_name, c.schema_name, c.volume_name, c.coverage, c.files, c.bytes,
  round(100 * c.files / sum(c.files) OVER (PARTITION BY c.catalog_name, c.schema_name, c.volume_name), 1)
    AS percent_of_files,
  round(100 * c.bytes / sum(c.bytes) OVER (PARTITION BY c.catalog_name, c.schema_name, c.volume_name), 1)
    AS percent_of_bytes
FROM (
  SELECT t.catalog_name, t.schema_name, t.volume_name, coalesce(t.`coverage`, CASE WHEN t.`status` IS NULL THEN 'NOT_EVALUATED' WHEN t.`status` = 'SKIPPED' THEN 'SKIPPED' WHEN t.`status` = 'FAILED' THEN 'FAILED' WHEN coalesce(size(t.`labels`), 0) > 0 THEN 'CLASSIFIED_WITH_FINDINGS' ELSE 'CLASSIFIED_NO_FINDINGS' END) AS coverage,
    count(*) AS files, sum(t.file_size) AS bytes
  FROM `main`.`governance`.`documents_metadata` AS t
  WHERE t.deleted_at IS NULL
  GROUP BY t.catalog_name, t.schema_name, t.volume_name, coalesce(t.`coverage`, CASE WHEN t.`status` IS NULL THEN 'NOT_EVALUATED' WHEN t.`status` = 'SKIPPED' THEN 'SKIPPED' WHEN t.`status` = 'FAILED' THEN 'FAILED' WHEN coalesce(size(t.`labels`), 0) > 0 THEN 'CLASSIFIED_WITH_FINDINGS' ELSE 'CLASSIFIED_NO_FINDINGS' END)
) AS c;

-- documents_metadata_volumes: Per volume, present files: files, bytes, classified, with findings (reviews applied), skipped, failed (or never evaluated), and the latest run over the volume or a folder or part of it.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_volumes` AS
WITH findings AS (
  SELECT DISTINCT fl.file_path FROM `main`.`governance`.`documents_metadata_file_labels` AS fl WHERE fl.effective
), volumes AS (
  SELECT t.catalog_name, t.schema_name, t.volume_name,
    concat('/Volumes/', t.catalog_name, '/', t.schema_name, '/', t.volume_name) AS volume_path,
    count(*) AS files, sum(t.file_size) AS bytes,
    count_if(t.status = 'CLASSIFIED') AS classified, count(f.file_path) AS with_findings,
    count_if(t.status = 'SKIPPED') AS skipped,
    count_if(t.status = 'FAILED' OR t.status IS NULL) AS failed
  FROM `main`.`governance`.`documents_metadata` AS t LEFT JOIN findings AS f ON f.file_path = t.file_path
  WHERE t.deleted_at IS NULL
  GROUP BY t.catalog_name, t.schema_name, t.volume_name
)
SELECT v.catalog_name, v.schema_name, v.volume_name, v.files, v.bytes, v.classified, v.with_findings,
  v.skipped, v.failed, max(r.started_at) AS last_run_at, max_by(r.status, r.started_at) AS last_run_status
FROM volumes AS v LEFT JOIN `main`.`governance`.`documents_metadata_runs` AS r
  ON r.scope = v.volume_path OR substring(r.scope, 1, length(v.volume_path) + 1)
    IN (concat(v.volume_path, '/'), concat(v.volume_path, ' '))
GROUP BY v.catalog_name, v.schema_name, v.volume_name, v.files, v.bytes, v.classified,
  v.with_findings, v.skipped, v.failed;

-- documents_metadata_label_changes: The label history: labels that appeared on or disappeared from files, with when and in which run.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_label_changes` AS
SELECT h.changed_at, h.change, h.item AS label, h.file_path, h.run_id
FROM `main`.`governance`.`documents_metadata_events` AS h
WHERE h.item_kind = 'LABEL';

-- documents_metadata_duplicates: Identical content under several present paths (the same SHA-256).
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_duplicates` AS
SELECT t.sha256, count(*) AS files, sum(t.file_size) AS bytes, sort_array(collect_list(t.file_path)) AS paths
FROM `main`.`governance`.`documents_metadata` AS t
WHERE t.deleted_at IS NULL AND t.sha256 IS NOT NULL
GROUP BY t.sha256
HAVING count(*) > 1;

-- documents_metadata_latest_runs: The 50 latest runs of the ledger, newest first.
CREATE OR REPLACE VIEW `main`.`governance`.`documents_metadata_latest_runs` AS
SELECT r.run_id, r.started_at, r.finished_at, r.scope, r.status, r.listed, r.new, r.changed, r.unchanged, r.gone, r.stale, r.deferred, r.submitted, r.classified, r.skipped, r.failed, r.bytes_uploaded, r.exit_code, r.error, r.classifier_fingerprint
FROM `main`.`governance`.`documents_metadata_runs` AS r
ORDER BY r.started_at DESC
LIMIT 50;
