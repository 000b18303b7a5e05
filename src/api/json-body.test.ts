import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactMemberText } from './json-body.ts';

test('a top-level member\'s text as written, its whitespace between tokens dropped, kept inside strings', () => {
  const body = '{ "event" : "PURCHASE_APPROVED",\n  "data" : {\n    "price": 3.10, "whole": 134.0, "big": 12345678901234567890,\n    "b": 1, "a": 2, "10": "ten", "2": "two",\n    "text": "a  b\\"}, \\"data\\": 1 \\t",\n    "list": [ 1 , 2 , { "data": 3 } ]\n  },\n  "id": "x" }';
  assert.equal(compactMemberText(body, 'data'),
    '{"price":3.10,"whole":134.0,"big":12345678901234567890,"b":1,"a":2,"10":"ten","2":"two","text":"a  b\\"}, \\"data\\": 1 \\t","list":[1,2,{"data":3}]}');
  assert.equal(compactMemberText(body, 'event'), '"PURCHASE_APPROVED"');
  assert.equal(compactMemberText(body, 'id'), '"x"');
  assert.equal(compactMemberText(body, 'missing'), undefined);
  assert.equal(compactMemberText('[{"data":1}]', 'data'), undefined, 'not an object');
  assert.equal(compactMemberText('{"data":1,"data":[2]}', 'data'), '[2]', 'the last one, as JSON.parse keeps');
  assert.equal(compactMemberText('{"d\\u0061ta":{"k":"v"}}', 'data'), '{"k":"v"}', 'an escaped key is the key it spells');
  assert.equal(compactMemberText('{"data":"x","other":{"data":1}}', 'data'), '"x"', 'only the top level');
});

test('the member\'s text parses to what JSON.parse gives for it, on bodies built at random', () => {
  const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
  const value = (depth: number): unknown => depth > 3 ? pick([1, -2.5, 'x y', '"}{,', true, null, 'ç\n']) : pick([
    () => Object.fromEntries(Array.from({ length: 3 }, (_, n) => [pick(['data', 'a', '10', 'b c', `k${n}`]), value(depth + 1)])),
    () => Array.from({ length: 2 }, () => value(depth + 1)),
    () => pick([0, 3.1, 'data', '\\', ' ']),
  ])();
  for (let n = 0; n < 500; n++) {
    const parsed = { event: 'E', data: value(0), id: 'i' };
    const text = JSON.stringify(parsed, null, pick([0, 2, '\t']));
    assert.deepEqual(JSON.parse(compactMemberText(text, 'data')!), parsed.data, text);
  }
});
