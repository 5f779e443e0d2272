-- Several debits in one transaction: each is exactly billing_debit (same checks, same constraints), in order,
-- so a batch of one account's debits shares one row lock and one commit flush. A unique violation anywhere
-- (a duplicate raced in from another replica) rolls the whole batch back; the service then runs them one by one.
CREATE FUNCTION billing_debit_batch(p_request_ids varchar[], p_account_ids bigint[], p_amounts bigint[],
                                    p_endpoints varchar[])
    RETURNS TABLE (idx integer, outcome text, amount bigint, balance bigint) LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_request_ids, 1), 0) LOOP
        RETURN QUERY SELECT i, d.outcome, d.amount, d.balance
            FROM billing_debit(p_request_ids[i], p_account_ids[i], p_amounts[i], p_endpoints[i]) d;
    END LOOP;
END;
$$;
