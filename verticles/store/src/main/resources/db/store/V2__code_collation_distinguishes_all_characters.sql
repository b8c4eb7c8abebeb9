-- See the brand service's V2: unique values compare with UCA 5.2.0, still case-insensitively.
ALTER TABLE store MODIFY code VARCHAR(32) NOT NULL COLLATE utf8mb4_unicode_520_ci;
