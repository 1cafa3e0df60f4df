-- Replaces one roll-up hash with the sums a backfill computed, unless the partition's layout marker already holds the
-- current layout (PerformanceRollupBackfill.cs): once it does, batches keep the roll-up, and a late backfiller must not
-- undo them. An older layout's marker (2: before the quarter totals) does not stop it.
-- KEYS[1] the marker, KEYS[2] the roll-up; ARGV[1] the current layout, then field, value pairs. Returns 1 written, 0 refused.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[2])
local i = 2
while i <= #ARGV do
  local j = math.min(i + 499, #ARGV) -- stay well under Lua's unpack limit
  redis.call('HSET', KEYS[2], unpack(ARGV, i, j))
  i = j + 1
end
return 1
