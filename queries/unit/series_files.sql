-- name: unit/series_files
-- Sets the variable that the views of unit/series_of_* read (views take no parameters):
-- the periods' files and the unit.
-- Parameters: $files VARCHAR[] (the periods' files), $code VARCHAR (the unit).
SET VARIABLE series = {'files': $files, 'code': $code};
