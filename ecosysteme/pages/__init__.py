"""The HTML pages that span the apps: home, search, territories, themes, maps, feed, sitemaps."""
