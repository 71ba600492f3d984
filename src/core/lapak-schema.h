/* lapak-schema.h — forward-only migrations, one SQL script per version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each script runs inside BEGIN IMMEDIATE … PRAGMA user_version = N … COMMIT.
 * Never edit a script once it has shipped: add the next one.
 *
 * Multi-till from day one: every record that moves money or stock is keyed by
 * (till_id, seq), seq counting per till and table, so several tills' records
 * never collide and can be merged in any order. The catalogue (events,
 * tenants, products, users) is keyed by its natural codes.
 */
#pragma once

static const char * const lapak_migrations[] = {
  /* 1: the ledger */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"

  "CREATE TABLE event ("
  "  code          TEXT PRIMARY KEY,"
  "  name          TEXT NOT NULL,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('bazaar', 'trading-house')),"
  "  commission_bp INTEGER NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),"
  "  booth_fee     INTEGER NOT NULL CHECK (booth_fee >= 0),"
  "  qris          TEXT,"
  "  created_at    INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE tenant ("
  "  code         TEXT PRIMARY KEY,"
  "  name         TEXT NOT NULL,"
  "  phone        TEXT,"
  "  bank_account TEXT,"
  "  created_at   INTEGER NOT NULL"
  ") STRICT;"

  "CREATE TABLE participation ("
  "  event_code    TEXT NOT NULL REFERENCES event (code),"
  "  tenant_code   TEXT NOT NULL REFERENCES tenant (code),"
  "  commission_bp INTEGER NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),"
  "  booth_fee     INTEGER NOT NULL CHECK (booth_fee >= 0),"
  "  joined_at     INTEGER NOT NULL,"
  "  PRIMARY KEY (event_code, tenant_code)"
  ") STRICT;"

  "CREATE TABLE product ("
  "  code        TEXT PRIMARY KEY,"
  "  tenant_code TEXT NOT NULL REFERENCES tenant (code),"
  "  serial      INTEGER NOT NULL CHECK (serial > 0),"
  "  sku         TEXT,"
  "  name        TEXT NOT NULL,"
  "  price       INTEGER NOT NULL CHECK (price > 0),"
  "  barcode     TEXT UNIQUE,"
  "  status      TEXT NOT NULL CHECK (status IN ('pending', 'active', 'inactive')),"
  "  created_at  INTEGER NOT NULL,"
  "  UNIQUE (tenant_code, serial),"
  "  UNIQUE (tenant_code, sku)"
  ") STRICT;"

  "CREATE TABLE user ("
  "  name        TEXT PRIMARY KEY COLLATE NOCASE,"
  "  role        TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'organiser', 'tenant')),"
  "  tenant_code TEXT REFERENCES tenant (code),"
  "  pin_hash    TEXT NOT NULL,"
  "  failed_pins INTEGER NOT NULL DEFAULT 0,"
  "  locked      INTEGER NOT NULL DEFAULT 0,"
  "  active      INTEGER NOT NULL DEFAULT 1,"
  "  created_at  INTEGER NOT NULL,"
  "  CHECK ((role = 'tenant') = (tenant_code IS NOT NULL))"
  ") STRICT;"

  /* Stock is only ever movements: a count is their sum. */
  "CREATE TABLE stock_move ("
  "  till_id      TEXT NOT NULL,"
  "  seq          INTEGER NOT NULL,"
  "  event_code   TEXT NOT NULL REFERENCES event (code),"
  "  product_code TEXT NOT NULL REFERENCES product (code),"
  "  kind         TEXT NOT NULL CHECK (kind IN ('checkin', 'sale', 'void', 'refund', 'return', 'adjust')),"
  "  delta        INTEGER NOT NULL,"
  "  ref          TEXT,"
  "  at           INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"
  "CREATE INDEX stock_move_product ON stock_move (product_code, event_code, delta);"

  /* A tenant's account: amount > 0 is owed to the tenant, < 0 by it. */
  "CREATE TABLE account_entry ("
  "  till_id     TEXT NOT NULL,"
  "  seq         INTEGER NOT NULL,"
  "  event_code  TEXT NOT NULL REFERENCES event (code),"
  "  tenant_code TEXT NOT NULL REFERENCES tenant (code),"
  "  kind        TEXT NOT NULL CHECK (kind IN ('booth_fee', 'charge', 'sale', 'refund', 'commission', 'payout')),"
  "  amount      INTEGER NOT NULL,"
  "  reason      TEXT,"
  "  ref         TEXT,"
  "  at          INTEGER NOT NULL,"
  "  settlement  TEXT,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"
  "CREATE INDEX account_entry_tenant ON account_entry (tenant_code, event_code);",
};
