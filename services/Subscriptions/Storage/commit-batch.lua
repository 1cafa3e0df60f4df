-- Applies one batch of one partition atomically: subscriber timelines, channel counters, stats and the batch marker.
-- KEYS[1] batch marker, KEYS[2] stats hash, KEYS[3] channels hash, then the timeline keys, then the day hashes (each
-- channel's local days, and the UTC-day hashes of the live view).
-- ARGV: markerTtl, stateTtl, timelineCount, then per timeline:
--   expectedVersion, keep (1: the subscriber is active, the key never expires), setCount, (field, value) * setCount,
--   delCount, field * delCount;
-- then dayHashCount, per day hash: incrCount, (field, increment) * incrCount (a field back at 0 is deleted);
-- then channelCount, (field, increment) * channelCount; then statCount, (field, increment) * statCount.
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

local timelineCount = tonumber(ARGV[3])
local pos = 4
for i = 1, timelineCount do
  local current = redis.call('HGET', KEYS[3 + i], 'v') or '0'
  if current ~= ARGV[pos] then
    return -i
  end
  local setCount = tonumber(ARGV[pos + 2])
  pos = pos + 3 + 2 * setCount
  local delCount = tonumber(ARGV[pos])
  pos = pos + 1 + delCount
end

local stateTtl = tonumber(ARGV[2])
pos = 4
for i = 1, timelineCount do
  local key = KEYS[3 + i]
  local keep = ARGV[pos + 1] == '1'
  local setCount = tonumber(ARGV[pos + 2])
  pos = pos + 3
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
  if keep then
    redis.call('PERSIST', key)
  else
    redis.call('EXPIRE', key, stateTtl)
  end
end

local dayHashCount = tonumber(ARGV[pos])
pos = pos + 1
for i = 1, dayHashCount do
  local key = KEYS[3 + timelineCount + i]
  local incrCount = tonumber(ARGV[pos])
  pos = pos + 1
  for _ = 1, incrCount do
    if redis.call('HINCRBY', key, ARGV[pos], ARGV[pos + 1]) == 0 then
      redis.call('HDEL', key, ARGV[pos])
    end
    pos = pos + 2
  end
end

for _, hash in ipairs({ KEYS[3], KEYS[2] }) do
  local count = tonumber(ARGV[pos])
  pos = pos + 1
  for _ = 1, count do
    redis.call('HINCRBY', hash, ARGV[pos], ARGV[pos + 1])
    pos = pos + 2
  end
end

redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
return 1
