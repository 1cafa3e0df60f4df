-- Makes final the closing months whose territories' slots are all closed (close-months.lua started them): from now on
-- their counters never change. Their customer detail is queued for deletion.
-- KEYS: 1 closing months hash, 2 final months hash, 3 closed months set, 4 generations hash.
-- ARGV: 1 now (Unix ms, recorded as the time of the close), then (month, generation its slots were closed for) * months.
-- Returns the months made final (a month no longer closing, or reset since, is not).

local final = {}
for i = 2, #ARGV, 2 do
  local month = ARGV[i]
  if redis.call('HGET', KEYS[1], month) == 'final' and (redis.call('HGET', KEYS[4], month) or '0') == ARGV[i + 1] then
    redis.call('HDEL', KEYS[1], month)
    redis.call('HSET', KEYS[2], month, ARGV[1])
    redis.call('SADD', KEYS[3], month)
    final[#final + 1] = month
  end
end
return final
