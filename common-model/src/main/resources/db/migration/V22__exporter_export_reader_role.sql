-- exporter-service: the PostgreSQL login role suite_export_reader, which every query of a SQL data source runs as
-- (registration, preview, export, COPY). It may only SELECT what an administrator granted it: the views of the
-- schema export_views, or a table granted explicitly (docs/ARCHITECTURE.md, "Export reader role"). It owns
-- nothing, may create nothing, and has no right on suite_user or any other suite table.
--
-- Roles are global to the PostgreSQL cluster, databases are not: the role is created once (several databases of
-- one cluster, e.g. tests, share it), the grants below are made in every database. It is created without a
-- password; exporter-service sets it at start from its configuration (suite.exporter.reader.password) where its
-- database user may (superuser, or the creator of the role), else the role and its password are managed outside
-- (CloudNativePG managed role, deploy/README.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'suite_export_reader') THEN
        BEGIN
            CREATE ROLE suite_export_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION
                NOBYPASSRLS;
            -- Defaults of its sessions (the exporter's pool sets them too, and every query runs in a read-only
            -- transaction with the configured statement timeout).
            ALTER ROLE suite_export_reader SET default_transaction_read_only = on;
            ALTER ROLE suite_export_reader SET statement_timeout = '10min';
            ALTER ROLE suite_export_reader SET search_path = export_views, public;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database of this cluster created it at the same moment
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'The PostgreSQL role suite_export_reader does not exist and % may not create it: create it first (LOGIN, no other attributes; deploy/README.md, "Export reader role")',
                    current_user;
        END;
    END IF;
END
$$;

-- The schema of what may be exported: a view created here (by this database user) is readable by the role.
CREATE SCHEMA IF NOT EXISTS export_views;
COMMENT ON SCHEMA export_views IS 'Views that SQL data sources of exporter-service may read (role suite_export_reader)';
REVOKE ALL ON SCHEMA export_views FROM PUBLIC;
GRANT USAGE ON SCHEMA export_views TO suite_export_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA export_views GRANT SELECT ON TABLES TO suite_export_reader;

-- No default rights the role could use to write: nobody but the owner creates objects in schema public (the
-- default since PostgreSQL 15) or temporary tables in this database. Revoking from PUBLIC never takes a right from
-- the user running this (the owner or a superuser); a user that may not revoke only gets a warning.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    BEGIN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO suite_export_reader', current_database());
    EXCEPTION
        WHEN insufficient_privilege THEN
            NULL; -- not the database's owner: the role connects through PUBLIC's CONNECT right
    END;
END
$$;
