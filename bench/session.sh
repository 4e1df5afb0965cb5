# Sourced by the bench scripts. log_in USERNAME: signs a demo account in on the server at $URL (through the
# login form, with its CSRF token; cookies in $WORK/jar) and exports COOKIE, the session cookie to send.
log_in() {
    rm -f "$WORK/jar"
    curl -s -c "$WORK/jar" -b "$WORK/jar" "$URL/login" > "$WORK/login.html"
    local csrf
    csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$WORK/login.html" | head -1 | sed 's/.*value="//;s/"//')
    curl -s -c "$WORK/jar" -b "$WORK/jar" -o /dev/null -d "_csrf=$csrf&username=$1&password=cchc-demo" "$URL/login"
    export COOKIE
    COOKIE="cchc_session=$(awk '$6 == "cchc_session" {print $7}' "$WORK/jar")"
}
