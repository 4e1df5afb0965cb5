-- GET with the session cookie of a logged-in officer (bench/dossiers/run.sh sets COOKIE).
wrk.headers["Cookie"] = os.getenv("COOKIE")
