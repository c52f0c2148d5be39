-- 004: an official age group that GENESIS cannot give exactly (13-17, derived as 2/5 of
-- "10 bis unter 15" plus "15 bis unter 18") is shown as `estimate`, not `official`; the other
-- groups of the same town stay `official`. Same columns as before (no contract change).
CREATE OR REPLACE VIEW mart.population_by_age AS
WITH land_totals AS (
    SELECT region, sum(population) AS total FROM core.age_structure GROUP BY region
), land_shares AS (
    SELECT s.region, g.age_group, sum(s.population) / any_value(t.total) AS share
    FROM core.age_structure s
    JOIN core.age_groups g
      ON s.age_from >= g.age_from AND coalesce(s.age_to, 999) <= coalesce(g.age_to, 999)
    JOIN land_totals t USING (region)
    GROUP BY s.region, g.age_group
), official AS (
    SELECT o.ags, o.age_group, o.population, o.reference_date, o.derived
    FROM core.population_official o JOIN core.imports i USING (import_id)
    WHERE i.status = 'imported'
    QUALIFY row_number() OVER (PARTITION BY o.ags, o.age_group ORDER BY o.import_id DESC) = 1
)
SELECT ags, age_group, population, reference_date,
       CASE WHEN derived THEN 'estimate' ELSE 'official' END AS source
FROM official
UNION ALL
SELECT m.ags, ls.age_group, CAST(round(m.population_total * ls.share) AS BIGINT),
       m.population_date, 'estimate'
FROM core.municipalities m JOIN land_shares ls ON ls.region = m.land_name
WHERE m.ags NOT IN (SELECT ags FROM official);
