/**
 * The public one-table credit and churn sets of bench/one_table.ts: R data sets shipped by
 * Debian packages, written to CSV at run time with R's own `write.csv` (nothing is committed).
 */

/** One data set: where it comes from and how the pipeline should read it. */
export interface OneTableDataset {
  /** Short name used in the table and the work directory. */
  name: string;
  kind: "credit" | "churn";
  /** Debian package that ships it. */
  debianPackage: string;
  /** R package and object name (`data(object, package = rPackage)`). */
  rPackage: string;
  rObject: string;
  targetColumn: string;
  /** The target label riskpipe predicts (the bad outcome). */
  positiveLabel: string;
}

/** The data sets, in table order. */
export const DATASETS: readonly OneTableDataset[] = [
  {
    name: "credit_data",
    kind: "credit",
    debianPackage: "r-cran-modeldata",
    rPackage: "modeldata",
    rObject: "credit_data",
    targetColumn: "Status",
    positiveLabel: "bad",
  },
  {
    name: "GermanCredit",
    kind: "credit",
    debianPackage: "r-cran-caret",
    rPackage: "caret",
    rObject: "GermanCredit",
    targetColumn: "Class",
    positiveLabel: "Bad",
  },
  {
    name: "lending_club",
    kind: "credit",
    debianPackage: "r-cran-modeldata",
    rPackage: "modeldata",
    rObject: "lending_club",
    targetColumn: "Class",
    positiveLabel: "bad",
  },
  {
    name: "mlc_churn",
    kind: "churn",
    debianPackage: "r-cran-modeldata",
    rPackage: "modeldata",
    rObject: "mlc_churn",
    targetColumn: "churn",
    positiveLabel: "yes",
  },
  {
    name: "wa_churn",
    kind: "churn",
    debianPackage: "r-cran-modeldata",
    rPackage: "modeldata",
    rObject: "wa_churn",
    targetColumn: "churn",
    positiveLabel: "Yes",
  },
  {
    name: "attrition",
    kind: "churn",
    debianPackage: "r-cran-modeldata",
    rPackage: "modeldata",
    rObject: "attrition",
    targetColumn: "Attrition",
    positiveLabel: "Yes",
  },
];

/** Debian packages the bench needs, for the error that names what to install. */
export const REQUIRED_DEBIAN_PACKAGES = [
  "r-base-core",
  "r-cran-modeldata",
  "r-cran-caret",
  "python3-xgboost",
  "python3-sklearn",
] as const;

// The file path comes in as an argument, so no path is ever spliced into R code.
const WRITE_CSV_R = `args <- commandArgs(trailingOnly = TRUE)
e <- new.env()
data(list = args[[2]], package = args[[1]], envir = e)
write.csv(as.data.frame(get(args[[2]], envir = e)), args[[3]], row.names = FALSE)`;

/** Writes the data set to `path` with R's `write.csv` (missing values as `NA`, no row names). */
export async function writeDatasetCsv(dataset: OneTableDataset, path: string): Promise<void> {
  const output = await new Deno.Command("Rscript", {
    args: ["--vanilla", "-e", WRITE_CSV_R, dataset.rPackage, dataset.rObject, path],
    stdout: "piped",
    stderr: "piped",
  }).output().catch((error) => {
    throw new Error(
      `Cannot run Rscript: ${error.message}; install ${REQUIRED_DEBIAN_PACKAGES.join(" ")}`,
    );
  });
  if (!output.success) {
    throw new Error(
      `Cannot write ${dataset.rObject} from R package ${dataset.rPackage} (Debian ${dataset.debianPackage}): ${
        new TextDecoder().decode(output.stderr).trim()
      }`,
    );
  }
}

/** The installed version of a Debian package (`dpkg-query`), e.g. "1.1.0-1". */
export async function debianVersion(name: string): Promise<string> {
  const output = await new Deno.Command("dpkg-query", {
    args: ["-W", "-f", "${Version}", name],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const version = new TextDecoder().decode(output.stdout).trim();
  if (!output.success || version === "") {
    throw new Error(
      `Debian package ${name} is not installed: apt-get install ${
        REQUIRED_DEBIAN_PACKAGES.join(" ")
      }`,
    );
  }
  return version;
}
