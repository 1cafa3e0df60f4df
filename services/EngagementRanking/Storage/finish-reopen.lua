-- Ends an operator's reset (reopen-month.lua started it, every slot of the month is reset): the month is reopened
-- with no territories, and its facts count again.
-- KEYS: 1 closing months hash, 2 reopened months hash, 3 the month's territories set.
-- ARGV: 1 month.
-- Returns 1, or 0 when the month is no longer being reset.

if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'reset' then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('UNLINK', KEYS[3])
redis.call('HSET', KEYS[2], ARGV[1], 0)
return 1
