-- A facts message's last step, in the control slot {eng}, once every slot of it is applied: the season titles, the
-- source partition's progress, the late facts per month (turned away by the plan or by a closed slot), the stats and
-- the message's batch marker. Its plan is no longer needed.
-- KEYS: 1 batch marker, 2 state hash, 3 late facts hash, 4 progress hash, 5 season titles hash, 6 plan hash.
-- ARGV: 1 marker TTL (s), 2 the newest month the wall clock alone makes final (final_through where there is none yet),
--   3 source partition ('' for none), 4 the time it has caught up to (Unix ms, '' for none), 5 facts applied,
--   6 late month count, (month, late facts) * count, then season count, (season id, title id) * count: the title a
--   season's facts named, kept from the first message that named one (HSETNX), final month or not.
-- Returns 0 when the message was applied before, else 1.

if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'duplicates', 1)
  return 0
end

if redis.call('HEXISTS', KEYS[2], 'final_through') == 0 then
  redis.call('HSET', KEYS[2], 'final_through', ARGV[2])
end

local pos = 7
local ignored = 0
for _ = 1, tonumber(ARGV[6]) do
  redis.call('HINCRBY', KEYS[3], ARGV[pos], ARGV[pos + 1])
  ignored = ignored + tonumber(ARGV[pos + 1])
  pos = pos + 2
end

for _ = 1, tonumber(ARGV[pos]) do
  redis.call('HSETNX', KEYS[5], ARGV[pos + 1], ARGV[pos + 2])
  pos = pos + 2
end

if ARGV[3] ~= '' and ARGV[4] ~= '' then
  local reached = tonumber(redis.call('HGET', KEYS[4], ARGV[3]))
  if reached == nil or tonumber(ARGV[4]) > reached then
    redis.call('HSET', KEYS[4], ARGV[3], ARGV[4])
  end
end

redis.call('HINCRBY', KEYS[2], 'messages', 1)
if tonumber(ARGV[5]) > 0 then
  redis.call('HINCRBY', KEYS[2], 'facts_applied', ARGV[5])
end
if ignored > 0 then
  redis.call('HINCRBY', KEYS[2], 'facts_ignored_final', ignored)
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
redis.call('DEL', KEYS[6])
return 1
