"""Reports: indicators defined once, monthly rollups kept in step with the records, the
dashboards (admin and field app), the Excel report and the public statistics.

Rule: reads, never writes, the other apps' records (only its own ``ReportRollup`` rows);
figures about people at risk only for their boards and coordinators, "< 5" in public.

Depends on every other app (it is the one that reads across); nothing imports it.
"""
