-- 011: the language of the weekly e-mail per recipient (connectors/digest.py): `de` or `en`. The
-- subject, the text and HTML parts and the attached council report follow it; officers and admins
-- choose it when they enter a recipient. Recipients entered before get German. No DEFAULT (the
-- tables also work on DuckLake): the code writes it, and reads a NULL as `de`.
ALTER TABLE core.digest_recipients ADD COLUMN lang VARCHAR;
UPDATE core.digest_recipients SET lang = 'de';
