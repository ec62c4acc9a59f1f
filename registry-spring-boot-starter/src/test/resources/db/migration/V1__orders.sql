-- The test application's own Flyway migration, beside mlregistry's (own location, own history table).
CREATE TABLE public.orders (order_id bigint PRIMARY KEY, model_name text NOT NULL);
