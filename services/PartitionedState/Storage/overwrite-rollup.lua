-- Replaces one roll-up hash with the sums a backfill computed, unless the partition's layout marker is already set
-- (PerformanceRollupBackfill.cs): once it is, batches keep the roll-up, and a late backfiller must not undo them.
-- KEYS[1] the marker, KEYS[2] the roll-up; ARGV field, value pairs. Returns 1 written, 0 refused.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[2])
local i = 1
while i <= #ARGV do
  local j = math.min(i + 499, #ARGV) -- stay well under Lua's unpack limit
  redis.call('HSET', KEYS[2], unpack(ARGV, i, j))
  i = j + 1
end
return 1
