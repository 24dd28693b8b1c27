-- fleetlens OpenStack action tables for MySQL / MariaDB (utf8mb4, times in UTC).
-- The store creates these itself on first use; this file is for DBAs who create them ahead:
--   mariadb -h 127.0.0.1 -u root -p ops < db/schema.sql
-- Collation: utf8mb4_nopad_bin is MariaDB's exact (NO PAD) binary collation; on MySQL 8 use
-- utf8mb4_0900_bin. Generated from src/Tables.ts; test/schema.test.ts checks it matches.

CREATE TABLE IF NOT EXISTS `nova_compute_action_log` (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  instance VARCHAR(255) NOT NULL,
  action VARCHAR(64) NOT NULL,
  ts DATETIME(6) NOT NULL COMMENT 'UTC',
  request_id VARCHAR(255) NULL,
  user_id VARCHAR(255) NULL,
  project_id VARCHAR(255) NULL,
  status INT NULL COMMENT 'HTTP status; 4xx/5xx = failed',
  derivation VARCHAR(16) NOT NULL COMMENT 'request | request-id | time-window',
  candidates TEXT NULL COMMENT 'JSON array, for unknown actions',
  resource VARCHAR(32) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_instance_action_ts (instance, action, ts),
  KEY ix_ts (ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS `glance_image_action_log` (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  instance VARCHAR(255) NOT NULL,
  action VARCHAR(64) NOT NULL,
  ts DATETIME(6) NOT NULL COMMENT 'UTC',
  request_id VARCHAR(255) NULL,
  user_id VARCHAR(255) NULL,
  project_id VARCHAR(255) NULL,
  status INT NULL COMMENT 'HTTP status; 4xx/5xx = failed',
  derivation VARCHAR(16) NOT NULL COMMENT 'request | request-id | time-window',
  candidates TEXT NULL COMMENT 'JSON array, for unknown actions',
  resource VARCHAR(32) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_instance_action_ts (instance, action, ts),
  KEY ix_ts (ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS `neutron_action_log` (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  instance VARCHAR(255) NOT NULL,
  action VARCHAR(64) NOT NULL,
  ts DATETIME(6) NOT NULL COMMENT 'UTC',
  request_id VARCHAR(255) NULL,
  user_id VARCHAR(255) NULL,
  project_id VARCHAR(255) NULL,
  status INT NULL COMMENT 'HTTP status; 4xx/5xx = failed',
  derivation VARCHAR(16) NOT NULL COMMENT 'request | request-id | time-window',
  candidates TEXT NULL COMMENT 'JSON array, for unknown actions',
  resource VARCHAR(32) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_instance_action_ts (instance, action, ts),
  KEY ix_ts (ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS `fleetlens_checkpoints` (
  target VARCHAR(64) NOT NULL COMMENT 'the action table the rows went to',
  path_hash CHAR(64) NOT NULL COMMENT 'sha256 of path',
  path TEXT NOT NULL,
  dev VARCHAR(24) NOT NULL,
  ino VARCHAR(24) NOT NULL,
  byte_offset BIGINT UNSIGNED NOT NULL COMMENT 'end of the last fully processed line',
  head_length INT UNSIGNED NOT NULL,
  head_hash CHAR(64) NOT NULL COMMENT 'sha256 of the first head_length bytes',
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (target, path_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS `fleetlens_carry` (
  target VARCHAR(64) NOT NULL COMMENT 'the action table whose run carried this',
  seq INT UNSIGNED NOT NULL COMMENT 'order of the items',
  kind VARCHAR(16) NOT NULL COMMENT 'request (undecided if body.pending) | event | instance | byid | seen | fresh | state',
  ts DATETIME(6) NULL COMMENT 'UTC',
  instance VARCHAR(255) NULL,
  request_id VARCHAR(255) NULL,
  body MEDIUMTEXT NOT NULL COMMENT 'JSON read back by the next run',
  PRIMARY KEY (target, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
