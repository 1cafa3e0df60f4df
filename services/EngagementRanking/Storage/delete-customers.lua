-- Deletes a closed slot's customer detail: nothing reads or writes it any more once the month is final, and it is by
-- far the largest key. A slot an operator's reset has reopened meanwhile keeps what its import has written.
-- KEYS: 1 status hash, 2 customers hash.
-- Returns the keys deleted (0 or 1).

if redis.call('HGET', KEYS[1], 'final') ~= '1' then
  return 0
end
-- UNLINK frees the memory in the background: a month's customer hashes can be large.
return redis.call('UNLINK', KEYS[2])
