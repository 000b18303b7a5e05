-- The live record of delivered attempts: postback_record_delivered as the latest migration that (re)creates it left it
-- (src/store/postgres/migrations.ts), kept here to be read beside dispatch.ts, which calls it. This file is not run:
-- migrations are the schema's only history, never edited. To change it, append a migration that replaces the
-- function and copy the new definition here; function-files.test.ts compares this file with the migrated function.
--
-- Delivered attempts (most attempts), a whole batch in ONE autocommitted statement. The UPDATE is the fence: a row is
-- settled only if its token still holds a live lease (after waiting on a concurrent writer, PostgreSQL re-checks the
-- WHERE on the row's new version); the attempt and the health reset hang off its RETURNING, so without the lease
-- nothing of that delivery is written. Returns the ids it settled.
-- LOCK ORDER (dispatch.ts): `unhealthy` locks the webhooks whose health or alert a success resets first, in id order,
-- before any delivery row (`(SELECT COUNT(*) FROM unhealthy) >= 0` is a one-time filter evaluated before the UPDATE
-- reads a row), so two batches resetting the same webhooks cannot deadlock, nor a batch and an owner's delete. A
-- healthy webhook's row is neither locked nor written on a success. Test sends never move health.
-- Its plan is made once per connection (force_generic_plan) and kept to primary-key lookups: planned at each call, as
-- a statement sent with its text, it cost as much as it ran; the generic plan of a prepared statement, made while the
-- table was nearly empty, kept a scan of every delivery (function-plans.test.ts). "(status = 'pending') IS TRUE" is
-- the same test as "status = 'pending'" in a form no partial index's predicate matches, so no plan can join the input
-- against a scan of every pending row instead of finding each row by its key.
CREATE FUNCTION postback_record_delivered(p_ids TEXT[], p_tokens TEXT[], p_now BIGINT[], p_status_codes INTEGER[], p_attempt_ids TEXT[],
  p_numbers INTEGER[], p_started_at BIGINT[], p_durations INTEGER[], p_request_headers TEXT[], p_response_headers TEXT[],
  p_response_bodies TEXT[], p_errors TEXT[], p_error_details TEXT[], p_urls TEXT[]) RETURNS TEXT[] LANGUAGE plpgsql
  SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $record$
DECLARE
  v_settled TEXT[];
BEGIN
  WITH input AS (
    SELECT * FROM unnest(p_ids, p_tokens, p_now, p_status_codes, p_attempt_ids, p_numbers, p_started_at, p_durations, p_request_headers,
      p_response_headers, p_response_bodies, p_errors, p_error_details, p_urls)
      AS i(delivery_id, token, now, status_code, attempt_id, number, started_at, duration_ms, request_headers, response_headers, response_body, error, error_detail, url)
  ), unhealthy AS (
    SELECT w.id, w.account_id, w.alerted AS was_alerted FROM webhooks w
    WHERE w.id IN (SELECT d.webhook_id FROM input i JOIN deliveries d ON d.id = i.delivery_id WHERE d.lease_token = i.token AND NOT d.is_test)
      AND (w.failure_streak > 0 OR w.timeout_streak > 0 OR w.circuit_opened_at IS NOT NULL OR w.alerted) ORDER BY w.id FOR NO KEY UPDATE
  ), settled AS (
    UPDATE deliveries d SET status = 'delivered', next_attempt_at = NULL, attempt_count = d.attempt_count + 1, cycle_attempts = d.cycle_attempts + 1,
      last_status_code = i.status_code, last_error = i.error, lease_token = NULL, lease_expires_at = NULL, updated_at = i.now
    FROM input i WHERE d.id = i.delivery_id AND d.lease_token = i.token AND d.lease_expires_at > i.now AND (d.status = 'pending') IS TRUE
      AND (SELECT COUNT(*) FROM unhealthy) >= 0
    RETURNING d.id, d.cycle, d.webhook_id, d.is_test
  ), attempt AS (
    INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail, request_headers, response_headers, response_body, url)
    SELECT i.attempt_id, s.id, s.cycle, i.number, i.started_at, i.duration_ms, i.status_code, i.error, i.error_detail, i.request_headers, i.response_headers, i.response_body, i.url
    FROM settled s JOIN input i ON i.delivery_id = s.id
  ), health AS (
    UPDATE webhooks w SET failure_streak = 0, failing_since = NULL, timeout_streak = 0, circuit_opened_at = NULL, alerted = FALSE FROM unhealthy u
    WHERE w.id = u.id AND u.id IN (SELECT s.webhook_id FROM settled s WHERE NOT s.is_test)
    RETURNING w.id, u.account_id, u.was_alerted
  ), recovered AS (
    -- the owner hears that an alerted webhook recovered (the notices outbox)
    INSERT INTO notices (id, account_id, kind, webhook_id, reason, created_at, mail, hook, next_attempt_at)
    SELECT gen_random_uuid()::text, h.account_id, 'webhook.recovered', h.id, NULL, (SELECT MAX(i.now) FROM input i), 'pending',
      CASE WHEN s.webhook_url IS NULL THEN 'skipped' ELSE 'pending' END, (SELECT MAX(i.now) FROM input i)
    FROM health h LEFT JOIN notification_settings s ON s.account_id = h.account_id WHERE h.was_alerted
  )
  SELECT COALESCE(array_agg(s.id), '{}') FROM settled s INTO v_settled;
  RETURN v_settled;
END
$record$;
