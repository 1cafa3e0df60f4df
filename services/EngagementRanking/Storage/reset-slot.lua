-- An operator's reset of one month × territory slot: its counters deleted, counting again for the month's new
-- generation (facts registered before the reset are late here).
-- KEYS: 1 status hash, 2 prime hash, 3 offers hash, 4 customers hash.
-- ARGV: 1 the month's new generation, 2 a version no slot has had (a new GUID): the status hash's 'version', as
--   apply-slot.lua sets it, so that the gateway drops what it ranked before the reset.

local gen = tonumber(redis.call('HGET', KEYS[1], 'gen')) or 0
if gen > tonumber(ARGV[1]) then
  return 0
end
redis.call('UNLINK', KEYS[2], KEYS[3], KEYS[4])
redis.call('HSET', KEYS[1], 'gen', ARGV[1], 'final', 0, 'version', ARGV[2])
return 1
