-- What a sale is sliced by besides its ids, as its owners answered at ingestion: the product's category,
-- the store's country and channel. Null on sales stored before this migration until they are filled in.
ALTER TABLE sale
  ADD COLUMN category VARCHAR(80) NULL,
  ADD COLUMN country  CHAR(2)     NULL,
  ADD COLUMN channel  VARCHAR(16) NULL;
