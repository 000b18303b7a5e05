// Receiver code that checks the hottok and the Standard Webhooks signature, per language. The PHP and Python
// versions compute the HMAC by hand (no library needed): HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}"
// with the base64-decoded secret after "whsec_", base64-encoded, compared with each "v1,<sig>" in webhook-signature.

export const nodeSnippet = `// npm install express standardwebhooks
import express from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const webhook = new Webhook(process.env.POSTBACK_SIGNING_SECRET); // whsec_... of this configuration
const hottok = Buffer.from(process.env.POSTBACK_HOTTOK);         // your account's hottok
const app = express();

// express.raw keeps the exact bytes: the signature covers them
app.post('/hotmart', express.raw({ type: '*/*' }), (req, res) => {
  const sent = Buffer.from(req.get('x-hotmart-hottok') ?? '');
  if (sent.length !== hottok.length || !timingSafeEqual(sent, hottok)) return res.sendStatus(401);
  let event;
  try {
    event = webhook.verify(req.body.toString('utf8'), req.headers); // throws if forged or older than 5 minutes
  } catch {
    return res.sendStatus(400);
  }
  // event.id is the same on every retry: skip ids you have already processed
  console.log(event.event, event.data.purchase?.transaction);
  res.sendStatus(200);
});

app.listen(3000);
`;

export const phpSnippet = `<?php
// Plain PHP 7.4+, no library needed.
$secret = getenv('POSTBACK_SIGNING_SECRET'); // whsec_... of this configuration
$hottok = getenv('POSTBACK_HOTTOK');         // your account's hottok
$body = file_get_contents('php://input');    // the raw body: the signature covers these exact bytes

if (!hash_equals($hottok, $_SERVER['HTTP_X_HOTMART_HOTTOK'] ?? '')) { http_response_code(401); exit; }

$id = $_SERVER['HTTP_WEBHOOK_ID'] ?? '';
$timestamp = $_SERVER['HTTP_WEBHOOK_TIMESTAMP'] ?? '';
if (!ctype_digit($timestamp) || abs(time() - (int) $timestamp) > 300) { http_response_code(400); exit; }

$key = base64_decode(substr($secret, strlen('whsec_')));
$expected = base64_encode(hash_hmac('sha256', "$id.$timestamp.$body", $key, true));
$valid = false;
foreach (explode(' ', $_SERVER['HTTP_WEBHOOK_SIGNATURE'] ?? '') as $signature) {
    [$version, $value] = array_pad(explode(',', $signature, 2), 2, '');
    if ($version === 'v1' && hash_equals($expected, $value)) { $valid = true; }
}
if (!$valid) { http_response_code(400); exit; }

$event = json_decode($body, true);
// $event['id'] is the same on every retry: skip ids you have already processed
http_response_code(200);
`;

export const pythonSnippet = `# pip install flask  (the check itself uses only the standard library)
import base64, hashlib, hmac, os, time
from flask import Flask, abort, request

SECRET = base64.b64decode(os.environ["POSTBACK_SIGNING_SECRET"].removeprefix("whsec_"))
HOTTOK = os.environ["POSTBACK_HOTTOK"]
app = Flask(__name__)

@app.post("/hotmart")
def hotmart():
    if not hmac.compare_digest(request.headers.get("X-HOTMART-HOTTOK", ""), HOTTOK):
        abort(401)
    msg_id = request.headers.get("webhook-id", "")
    timestamp = request.headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        abort(400)
    body = request.get_data()  # the raw bytes: the signature covers them exactly
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(SECRET, signed, hashlib.sha256).digest()).decode()
    signatures = [s.split(",", 1)[1] for s in request.headers.get("webhook-signature", "").split() if s.startswith("v1,")]
    if not any(hmac.compare_digest(expected, s) for s in signatures):
        abort(400)
    event = request.get_json()
    # event["id"] is the same on every retry: skip ids you have already processed
    return "", 200
`;
