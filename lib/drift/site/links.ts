/** Where each page of the drift site lives, relative to the site root. */

/** The page of one feature (or of the score), e.g. "features/AMT_CREDIT.html". */
export function featurePath(name: string): string {
  return `features/${name.replace(/[^A-Za-z0-9_.-]/g, "_")}.html`;
}

/** The page of the score's (prediction) drift, at the root so no feature name can take it. */
export const PREDICTION_PAGE = "prediction.html";

/** The site's navigation, with hrefs relative to a page `depth` folders below the root. */
export function siteNav(depth: number): { href: string; label: string }[] {
  const up = "../".repeat(depth);
  return [
    { href: `${up}index.html`, label: "Features" },
    { href: `${up}history.html`, label: "History" },
    { href: `${up}performance.html`, label: "Performance" },
    { href: `${up}challenger.html`, label: "Challenger" },
    { href: `${up}query.html`, label: "Query the window" },
  ];
}
