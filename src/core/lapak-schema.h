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

#include "lapak-entry-summary.h"

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
  "  kind        TEXT NOT NULL CHECK (kind IN ('booth_fee', 'charge', 'sale', 'void', 'refund', 'commission', 'payout')),"
  "  amount      INTEGER NOT NULL,"
  "  reason      TEXT,"
  "  ref         TEXT,"
  "  at          INTEGER NOT NULL,"
  "  settlement  TEXT,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"
  "CREATE INDEX account_entry_tenant ON account_entry (tenant_code, event_code);",

  /* 2: selling — shifts, sales, voids, refunds, cash movements and the
   * journal. Records are never edited: a void or a refund is a new record
   * that points at the sale. */
  "CREATE TABLE journal ("
  "  till_id TEXT NOT NULL,"
  "  seq     INTEGER NOT NULL,"
  "  at      INTEGER NOT NULL,"
  "  type    TEXT NOT NULL,"
  "  ref     INTEGER,"
  "  payload TEXT NOT NULL,"
  "  hash    TEXT NOT NULL,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"

  "CREATE TABLE shift ("
  "  till_id   TEXT NOT NULL,"
  "  seq       INTEGER NOT NULL,"
  "  cashier   TEXT NOT NULL,"
  "  opened_at INTEGER NOT NULL,"
  "  float     INTEGER NOT NULL CHECK (float >= 0),"
  "  closed_at INTEGER,"
  "  counted   INTEGER,"
  "  expected  INTEGER,"
  "  z_number  INTEGER,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"

  "CREATE TABLE sale ("
  "  till_id     TEXT NOT NULL,"
  "  seq         INTEGER NOT NULL,"
  "  event_code  TEXT NOT NULL REFERENCES event (code),"
  "  shift_seq   INTEGER NOT NULL,"
  "  cashier     TEXT NOT NULL,"
  "  at          INTEGER NOT NULL,"
  "  total       INTEGER NOT NULL CHECK (total >= 0),"
  "  change      INTEGER NOT NULL CHECK (change >= 0),"
  "  journal_seq INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"

  "CREATE TABLE sale_line ("
  "  till_id       TEXT NOT NULL,"
  "  sale_seq      INTEGER NOT NULL,"
  "  line          INTEGER NOT NULL,"
  "  product_code  TEXT NOT NULL,"
  "  tenant_code   TEXT NOT NULL,"
  "  name          TEXT NOT NULL,"
  "  qty           INTEGER NOT NULL CHECK (qty > 0),"
  "  list_price    INTEGER NOT NULL,"
  "  unit_price    INTEGER NOT NULL CHECK (unit_price > 0),"
  "  unit_discount INTEGER NOT NULL CHECK (unit_discount >= 0 AND unit_discount < unit_price),"
  "  approver      TEXT,"
  "  PRIMARY KEY (till_id, sale_seq, line),"
  "  FOREIGN KEY (till_id, sale_seq) REFERENCES sale (till_id, seq)"
  ") STRICT;"

  "CREATE TABLE payment ("
  "  till_id   TEXT NOT NULL,"
  "  sale_seq  INTEGER NOT NULL,"
  "  idx       INTEGER NOT NULL,"
  "  method    TEXT NOT NULL CHECK (method IN ('cash', 'qris', 'transfer', 'card', 'ewallet')),"
  "  amount    INTEGER NOT NULL CHECK (amount > 0),"
  "  tendered  INTEGER NOT NULL,"
  "  reference TEXT,"
  "  PRIMARY KEY (till_id, sale_seq, idx),"
  "  FOREIGN KEY (till_id, sale_seq) REFERENCES sale (till_id, seq)"
  ") STRICT;"

  "CREATE TABLE sale_void ("
  "  till_id   TEXT NOT NULL,"
  "  seq       INTEGER NOT NULL,"
  "  sale_till TEXT NOT NULL,"
  "  sale_seq  INTEGER NOT NULL,"
  "  shift_seq INTEGER NOT NULL,"
  "  reason    TEXT NOT NULL,"
  "  cashier   TEXT NOT NULL,"
  "  approver  TEXT NOT NULL,"
  "  at        INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, seq),"
  "  UNIQUE (sale_till, sale_seq)"
  ") STRICT;"

  "CREATE TABLE refund ("
  "  till_id   TEXT NOT NULL,"
  "  seq       INTEGER NOT NULL,"
  "  sale_till TEXT NOT NULL,"
  "  sale_seq  INTEGER NOT NULL,"
  "  shift_seq INTEGER NOT NULL,"
  "  method    TEXT NOT NULL CHECK (method IN ('cash', 'qris', 'transfer', 'card', 'ewallet')),"
  "  amount    INTEGER NOT NULL CHECK (amount > 0),"
  "  reason    TEXT NOT NULL,"
  "  cashier   TEXT NOT NULL,"
  "  approver  TEXT NOT NULL,"
  "  at        INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"

  "CREATE TABLE refund_line ("
  "  till_id      TEXT NOT NULL,"
  "  refund_seq   INTEGER NOT NULL,"
  "  sale_line    INTEGER NOT NULL,"
  "  product_code TEXT NOT NULL,"
  "  tenant_code  TEXT NOT NULL,"
  "  qty          INTEGER NOT NULL CHECK (qty > 0),"
  "  unit_net     INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, refund_seq, sale_line)"
  ") STRICT;"

  "CREATE TABLE cash_move ("
  "  till_id   TEXT NOT NULL,"
  "  seq       INTEGER NOT NULL,"
  "  shift_seq INTEGER NOT NULL,"
  "  kind      TEXT NOT NULL CHECK (kind IN ('in', 'out', 'no_sale')),"
  "  amount    INTEGER NOT NULL CHECK (amount >= 0),"
  "  reason    TEXT NOT NULL,"
  "  cashier   TEXT NOT NULL,"
  "  approver  TEXT,"
  "  at        INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;",

  /* 3: the stock level of each product in each event, i.e. SUM(delta) of
   * its stock movements, kept by triggers in the same transaction as every
   * movement (whoever writes it), so that a sale checks its stock with one
   * look-up instead of summing all the movements of a product, which grew
   * with every unit sold. */
  "CREATE TABLE stock_level ("
  "  event_code   TEXT NOT NULL,"
  "  product_code TEXT NOT NULL,"
  "  qty          INTEGER NOT NULL,"
  "  PRIMARY KEY (event_code, product_code)"
  ") STRICT, WITHOUT ROWID;"
  "INSERT INTO stock_level (event_code, product_code, qty)"
  "  SELECT event_code, product_code, SUM(delta) FROM stock_move GROUP BY event_code, product_code;"
  "CREATE TRIGGER stock_level_insert AFTER INSERT ON stock_move BEGIN"
  "  INSERT INTO stock_level (event_code, product_code, qty)"
  "    VALUES (NEW.event_code, NEW.product_code, NEW.delta)"
  "    ON CONFLICT (event_code, product_code) DO UPDATE SET qty = qty + excluded.qty;"
  "END;"
  "CREATE TRIGGER stock_level_delete AFTER DELETE ON stock_move BEGIN"
  "  UPDATE stock_level SET qty = qty - OLD.delta"
  "    WHERE event_code = OLD.event_code AND product_code = OLD.product_code;"
  "END;"
  "CREATE TRIGGER stock_level_update AFTER UPDATE OF event_code, product_code, delta ON stock_move BEGIN"
  "  UPDATE stock_level SET qty = qty - OLD.delta"
  "    WHERE event_code = OLD.event_code AND product_code = OLD.product_code;"
  "  INSERT INTO stock_level (event_code, product_code, qty)"
  "    VALUES (NEW.event_code, NEW.product_code, NEW.delta)"
  "    ON CONFLICT (event_code, product_code) DO UPDATE SET qty = qty + excluded.qty;"
  "END;",
  /* 4: settlements. A closed settlement and its per-tenant rows are never
   * changed; each account entry it covers names it in account_entry.settlement,
   * set once. The tenant's commission for the settlement is an account entry
   * of its own (kind 'commission'), settled by that same settlement. */
  "CREATE TABLE settlement ("
  "  till_id      TEXT NOT NULL,"
  "  seq          INTEGER NOT NULL,"
  "  event_code   TEXT NOT NULL REFERENCES event (code),"
  "  until        INTEGER NOT NULL,"
  "  closed_at    INTEGER NOT NULL,"
  "  closed_by    TEXT NOT NULL,"
  "  n_entries    INTEGER NOT NULL CHECK (n_entries > 0),"
  "  sales        INTEGER NOT NULL,"
  "  refunds      INTEGER NOT NULL,"
  "  net_sales    INTEGER NOT NULL,"
  "  commission   INTEGER NOT NULL,"
  "  charges      INTEGER NOT NULL,"
  "  payout       INTEGER NOT NULL,"
  "  pay_cash     INTEGER NOT NULL,"
  "  pay_qris     INTEGER NOT NULL,"
  "  pay_transfer INTEGER NOT NULL,"
  "  pay_card     INTEGER NOT NULL,"
  "  pay_ewallet  INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, seq),"
  "  CHECK (payout + commission + charges = net_sales)"
  ") STRICT;"

  "CREATE TABLE settlement_tenant ("
  "  till_id        TEXT NOT NULL,"
  "  settlement_seq INTEGER NOT NULL,"
  "  tenant_code    TEXT NOT NULL REFERENCES tenant (code),"
  "  units          INTEGER NOT NULL,"
  "  sales          INTEGER NOT NULL,"
  "  refunds        INTEGER NOT NULL,"
  "  net_sales      INTEGER NOT NULL,"
  "  commission_bp  INTEGER NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),"
  "  commission     INTEGER NOT NULL,"
  "  charges        INTEGER NOT NULL,"
  "  payout         INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, settlement_seq, tenant_code),"
  "  FOREIGN KEY (till_id, settlement_seq) REFERENCES settlement (till_id, seq),"
  "  CHECK (payout + commission + charges = net_sales)"
  ") STRICT;"

  "CREATE INDEX account_entry_settlement ON account_entry (settlement, event_code);"

  "CREATE TRIGGER settlement_immutable_update BEFORE UPDATE ON settlement BEGIN"
  "  SELECT RAISE (ABORT, 'a closed settlement is never changed');"
  "END;"
  "CREATE TRIGGER settlement_immutable_delete BEFORE DELETE ON settlement BEGIN"
  "  SELECT RAISE (ABORT, 'a closed settlement is never changed');"
  "END;"
  "CREATE TRIGGER settlement_tenant_immutable_update BEFORE UPDATE ON settlement_tenant BEGIN"
  "  SELECT RAISE (ABORT, 'a closed settlement is never changed');"
  "END;"
  "CREATE TRIGGER settlement_tenant_immutable_delete BEFORE DELETE ON settlement_tenant BEGIN"
  "  SELECT RAISE (ABORT, 'a closed settlement is never changed');"
  "END;"
  "CREATE TRIGGER account_entry_settled_once BEFORE UPDATE OF settlement ON account_entry"
  "  WHEN OLD.settlement IS NOT NULL BEGIN"
  "  SELECT RAISE (ABORT, 'an account entry is settled only once');"
  "END;",
  /* 5: several tills (issue 8). sync_till: what a hub holds of each till's
   * journal (1…journal_seq, verified, ending at journal_head) and when it
   * was written and merged. sync_origin: catalogue rows this database got
   * from another till (at a hub) or from the hub (at a till), as they came,
   * for the conflict rule. sync_conflict: every catalogue version that was
   * not kept, with the till it came from (docs/sync.md). */
  "CREATE TABLE sync_till ("
  "  till_id      TEXT PRIMARY KEY,"
  "  journal_seq  INTEGER NOT NULL CHECK (journal_seq >= 0),"
  "  journal_head TEXT NOT NULL,"
  "  exported_at  INTEGER NOT NULL,"
  "  imported_at  INTEGER NOT NULL"
  ") STRICT;"
  "CREATE TABLE sync_origin ("
  "  tbl        TEXT NOT NULL,"
  "  key        TEXT NOT NULL,"
  "  till_id    TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  row        TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, key)"
  ") STRICT;"
  "CREATE TABLE sync_conflict ("
  "  tbl      TEXT NOT NULL,"
  "  key      TEXT NOT NULL,"
  "  till_id  TEXT NOT NULL,"
  "  lost     TEXT NOT NULL,"
  "  kept     TEXT NOT NULL,"
  "  at       INTEGER NOT NULL,"
  "  PRIMARY KEY (tbl, key, till_id, lost)"
  ") STRICT;",
  /* 6: stock returned to the tenants at the end of an event. A return and
   * its lines are never changed; each line moved the stock with a 'return'
   * movement whose ref is the return's id (K1-T000001). And a covering
   * index for the settlement's sums. */
  "CREATE TABLE stock_return ("
  "  till_id     TEXT NOT NULL,"
  "  seq         INTEGER NOT NULL,"
  "  event_code  TEXT NOT NULL REFERENCES event (code),"
  "  tenant_code TEXT NOT NULL REFERENCES tenant (code),"
  "  actor       TEXT NOT NULL,"
  "  at          INTEGER NOT NULL,"
  "  PRIMARY KEY (till_id, seq)"
  ") STRICT;"
  "CREATE TABLE stock_return_line ("
  "  till_id      TEXT NOT NULL,"
  "  return_seq   INTEGER NOT NULL,"
  "  line         INTEGER NOT NULL,"
  "  product_code TEXT NOT NULL REFERENCES product (code),"
  "  qty          INTEGER NOT NULL CHECK (qty > 0),"
  "  PRIMARY KEY (till_id, return_seq, line),"
  "  FOREIGN KEY (till_id, return_seq) REFERENCES stock_return (till_id, seq)"
  ") STRICT;"
  "CREATE INDEX stock_move_return_ref ON stock_move (ref, till_id) WHERE kind = 'return';"
  /* The settlement's sums per tenant from the index alone (covering), in
   * tenant order: the plain indexes made SQLite fetch every row at random. */
  "CREATE INDEX account_entry_open ON account_entry"
  "  (event_code, settlement, tenant_code, kind, amount, at, till_id, ref);",
  /* 7: a settlement closed although some till's records up to its
   * cut-off were known to be missing (issue 6/8) says why, in its row and
   * its journal entry; NULL for every other settlement. */
  "ALTER TABLE settlement ADD COLUMN forced TEXT;",
  /* 8: what a settlement needs of each sale, void and refund, on its
   * account entries (lapak-entry-summary.h): the units a tenant's entry
   * moved and the record's money per payment method, filled here for the
   * entries already written; and the covering index grows by them, so the
   * preview reads the index alone. */
  "ALTER TABLE account_entry ADD COLUMN units INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE account_entry ADD COLUMN pay_cash INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE account_entry ADD COLUMN pay_qris INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE account_entry ADD COLUMN pay_transfer INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE account_entry ADD COLUMN pay_card INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE account_entry ADD COLUMN pay_ewallet INTEGER NOT NULL DEFAULT 0;"
  LAPAK_ENTRY_SUMMARY_UPDATE ";"
  "DROP INDEX account_entry_open;"
  "CREATE INDEX account_entry_open ON account_entry"
  "  (event_code, settlement, tenant_code, kind, amount, at, till_id, ref,"
  "   units, pay_cash, pay_qris, pay_transfer, pay_card, pay_ewallet);",
  /* 9 (issue 8): a shift closed at a paired till although some
   * of its records were not at the hub says why and which organiser
   * forced it, in its row and its close entry; NULL for every other. */
  "ALTER TABLE shift ADD COLUMN close_forced TEXT; ALTER TABLE shift ADD COLUMN close_forced_by TEXT;",
};
