-- Moves one outbox entry, unchanged, from one hash to another: a partition's outbox to its dead-letter hash when the
-- entry cannot be published, or back again when an operator replays it (docs/operations.md, "Derived facts").
-- KEYS: 1 the hash it is in, 2 the hash it goes to (the same partition's, so one hash tag). ARGV: 1 the batch id.
-- Returns 1 when moved, 0 when the entry was not there (published and removed meanwhile).
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then
  return 0
end
redis.call('HSET', KEYS[2], ARGV[1], entry)
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
