-- Starts closing the months that are due (MonthFinality.cs): every open month up to the newest month the partitions'
-- progress makes final, and every reopened month whose close an operator asked for at a time every partition has
-- caught up to. A closing month takes no more facts (they are late) and is not final yet: MonthStore closes its
-- territories' slots, then finish-close.lua makes it final. final_through only moves forward.
-- KEYS: 1 state hash, 2 open months hash, 3 reopened months hash, 4 closing months hash, 5 generations hash.
-- ARGV: 1 the newest month the wall clock alone makes final (final_through where there is none yet), 2 the newest month
--   the progress makes final ('' while some partition has reported none), 3 the time every partition has caught up to
--   (Unix ms, '' likewise).
-- Returns (month, generation) of every month closing, with those an earlier check started and did not finish.

local finalThrough = redis.call('HGET', KEYS[1], 'final_through')
if not finalThrough then
  finalThrough = ARGV[1]
  redis.call('HSET', KEYS[1], 'final_through', finalThrough)
end

local function close(month)
  redis.call('HDEL', KEYS[2], month)
  redis.call('HDEL', KEYS[3], month)
  redis.call('HSET', KEYS[4], month, 'final')
end

if ARGV[2] ~= '' then
  if ARGV[2] > finalThrough then
    redis.call('HSET', KEYS[1], 'final_through', ARGV[2])
  end
  for _, month in ipairs(redis.call('HKEYS', KEYS[2])) do
    if month <= ARGV[2] then
      close(month)
    end
  end
end

if ARGV[3] ~= '' then
  local reopened = redis.call('HGETALL', KEYS[3])
  for i = 1, #reopened, 2 do
    local asked = tonumber(reopened[i + 1])
    if asked > 0 and asked <= tonumber(ARGV[3]) then
      close(reopened[i])
    end
  end
end

local closing = {}
local all = redis.call('HGETALL', KEYS[4])
for i = 1, #all, 2 do
  if all[i + 1] == 'final' then
    closing[#closing + 1] = all[i]
    closing[#closing + 1] = redis.call('HGET', KEYS[5], all[i]) or '0'
  end
end
return closing
