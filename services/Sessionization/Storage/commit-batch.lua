-- Applies one batch of one partition atomically: timelines, counters, stats, outbox and the batch marker.
-- KEYS[1] batch marker, KEYS[2] stats hash, KEYS[3] outbox hash, then the timeline keys, then the counter hashes.
-- ARGV: markerTtl, stateTtl, batchId, factsPayload ('' for none), timelineCount, then per timeline:
--   expectedVersion, setCount, (field, value) * setCount, delCount, field * delCount;
-- then counterCount, per counter hash: incrCount, (field, increment) * incrCount; then statCount, (field, increment) * statCount.
-- Returns 1 applied, 0 already applied (marker present), -i when timeline i (1-based) changed since it was read.
local function chunked(command, key, first, last)
  local size = 500 -- stay well under Lua's unpack limit
  local i = first
  while i <= last do
    local j = math.min(i + size - 1, last)
    redis.call(command, key, unpack(ARGV, i, j))
    i = j + 1
  end
end

if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end

local timelineCount = tonumber(ARGV[5])
local pos = 6
for i = 1, timelineCount do
  local current = redis.call('HGET', KEYS[3 + i], 'v') or '0'
  if current ~= ARGV[pos] then
    return -i
  end
  local setCount = tonumber(ARGV[pos + 1])
  pos = pos + 2 + 2 * setCount
  local delCount = tonumber(ARGV[pos])
  pos = pos + 1 + delCount
end

local stateTtl = tonumber(ARGV[2])
pos = 6
for i = 1, timelineCount do
  local key = KEYS[3 + i]
  local setCount = tonumber(ARGV[pos + 1])
  pos = pos + 2
  if setCount > 0 then
    chunked('HSET', key, pos, pos + 2 * setCount - 1)
  end
  pos = pos + 2 * setCount
  local delCount = tonumber(ARGV[pos])
  pos = pos + 1
  if delCount > 0 then
    chunked('HDEL', key, pos, pos + delCount - 1)
  end
  pos = pos + delCount
  redis.call('HINCRBY', key, 'v', 1)
  redis.call('EXPIRE', key, stateTtl)
end

local counterCount = tonumber(ARGV[pos])
pos = pos + 1
for i = 1, counterCount do
  local key = KEYS[3 + timelineCount + i]
  local incrCount = tonumber(ARGV[pos])
  pos = pos + 1
  for _ = 1, incrCount do
    redis.call('HINCRBY', key, ARGV[pos], ARGV[pos + 1])
    pos = pos + 2
  end
end

local statCount = tonumber(ARGV[pos])
pos = pos + 1
for _ = 1, statCount do
  redis.call('HINCRBY', KEYS[2], ARGV[pos], ARGV[pos + 1])
  pos = pos + 2
end

if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
return 1
